package onlinebench.load;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/** How the users of one measured phase pace their requests. */
public sealed interface MeasuredLoad {
  /**
   * The closed model: each user sends its next request as soon as its previous one ends, while
   * {@code tickets} grants one.
   *
   * @param rampUp when present, users start one after another over the ramp-up
   */
  record Closed(BooleanSupplier tickets, Optional<RampUpStarts> rampUp) implements MeasuredLoad {}

  /** The open model: users send each request at its intended time on the arrival schedule. */
  record Open(ArrivalTickets tickets) implements MeasuredLoad {}
}
