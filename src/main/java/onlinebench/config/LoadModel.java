package onlinebench.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How the load is driven: a closed model (users send back to back) unless a request rate is given,
 * then an open model (requests sent on an arrival schedule, whatever the server does); bounded by a
 * request count or a duration; optionally ramped up; optionally swept over several levels.
 *
 * @param requestRates requests per second of the open model; empty for the closed model; two or
 *     more make a sweep, one level per rate
 * @param arrival how the open model spaces its requests
 * @param burstiness the gamma shape k (1 = Poisson; lower is burstier); only with {@link
 *     Arrival#GAMMA}
 * @param maxConcurrency at most this many requests in flight in the open model; empty = uncapped
 * @param duration send requests for this long instead of a request count; empty = count-bounded
 * @param rampUp the rate (open) or the users (closed) rise linearly from 0 over this time
 * @param concurrencySweep two or more closed-model concurrencies to sweep; empty otherwise
 */
public record LoadModel(
    List<Double> requestRates,
    Arrival arrival,
    double burstiness,
    OptionalInt maxConcurrency,
    Optional<Duration> duration,
    Optional<Duration> rampUp,
    List<Integer> concurrencySweep) {

  /** The closed model, count-bounded, no ramp-up, no sweep. */
  public static final LoadModel DEFAULT =
      new LoadModel(
          List.of(),
          Arrival.POISSON,
          1.0,
          OptionalInt.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of());

  public LoadModel {
    requestRates = List.copyOf(requestRates);
    concurrencySweep = List.copyOf(concurrencySweep);
  }

  /** True when requests follow an arrival schedule (a request rate was given). */
  public boolean open() {
    return !requestRates.isEmpty();
  }

  /** The open model's rate (the first level's in a sweep); empty for the closed model. */
  public OptionalDouble requestRate() {
    return open() ? OptionalDouble.of(requestRates.get(0)) : OptionalDouble.empty();
  }

  /** True when several levels run in turn. */
  public boolean sweep() {
    return requestRates.size() > 1 || concurrencySweep.size() > 1;
  }

  /** This load model at one level of its sweep: a single rate (or none), no concurrency sweep. */
  public LoadModel atLevel(OptionalDouble rate) {
    return new LoadModel(
        rate.isPresent() ? List.of(rate.getAsDouble()) : List.of(),
        arrival,
        burstiness,
        maxConcurrency,
        duration,
        rampUp,
        List.of());
  }
}
