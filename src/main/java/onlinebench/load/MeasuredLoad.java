package onlinebench.load;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/** How the users of one measured phase pace their requests, and what stops them early. */
public sealed interface MeasuredLoad {
  /** Once given, no user of this phase starts another request. */
  StopSignal stop();

  /**
   * The closed model: each user sends its next request as soon as its previous one ends, while
   * {@code tickets} grants one and {@code stop} is not given.
   *
   * @param rampUp when present, users start one after another over the ramp-up
   */
  record Closed(BooleanSupplier tickets, Optional<RampUpStarts> rampUp, StopSignal stop)
      implements MeasuredLoad {}

  /**
   * The open model: users send each request at its intended time on the arrival schedule, unless
   * {@code stop} was given by then.
   */
  record Open(Arrivals tickets, StopSignal stop) implements MeasuredLoad {}
}
