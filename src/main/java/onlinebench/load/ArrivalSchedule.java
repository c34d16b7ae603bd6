package onlinebench.load;

import java.time.Duration;
import java.util.SplittableRandom;
import onlinebench.config.Arrival;

/**
 * The intended send times of the open model, as offsets from the start of the measured phase: the
 * first at 0, then gaps drawn from the arrival process. Seeded, so a run's schedule is
 * reproducible. Not thread-safe: {@link ArrivalTickets} hands its offsets out one at a time.
 *
 * <p>Gaps follow vLLM's definition: mean 1 / rate; {@code poisson} exponential, {@code constant}
 * exactly 1 / rate, {@code gamma} shape k and scale 1 / (k × rate), so variance 1 / (k × rate²).
 *
 * <p>With a ramp-up the rate rises linearly from 0 to the target over the ramp-up, then stays: a
 * non-homogeneous process of intensity λ(t) = rate × min(1, t / rampUp). It is made by drawing the
 * same gaps at unit rate and mapping each unit-rate arrival time u through the inverse of the
 * cumulative intensity Λ(t) = ∫λ, so every arrival kind keeps its shape along the ramp.
 */
public final class ArrivalSchedule {
  private final Arrival arrival;
  private final double shape;
  private final double rate;
  private final double rampSeconds;
  private final SplittableRandom random;
  private double unitTime;
  private boolean first = true;

  /**
   * @param arrival the gap distribution
   * @param burstiness the gamma shape k; ignored for the other kinds
   * @param requestsPerSecond the target rate, > 0
   * @param rampUp time over which the rate rises from 0; {@link Duration#ZERO} for none
   * @param seed the random seed
   */
  public ArrivalSchedule(
      Arrival arrival, double burstiness, double requestsPerSecond, Duration rampUp, long seed) {
    if (!(requestsPerSecond > 0) || !(burstiness > 0)) {
      throw new IllegalArgumentException(
          "rate and burstiness must be > 0, got " + requestsPerSecond + ", " + burstiness);
    }
    this.arrival = arrival;
    this.shape = burstiness;
    this.rate = requestsPerSecond;
    this.rampSeconds = rampUp.toNanos() / 1e9;
    this.random = new SplittableRandom(seed);
  }

  /** The next request's intended send time, in nanoseconds from the start. */
  public long nextOffsetNanos() {
    if (first) {
      first = false;
    } else {
      unitTime += unitGap();
    }
    return Math.round(inverseCumulativeIntensity(unitTime) * 1e9);
  }

  /** A gap of the unit-rate process: mean 1. */
  private double unitGap() {
    return switch (arrival) {
      case CONSTANT -> 1.0;
      case POISSON -> -Math.log(1.0 - random.nextDouble());
      case GAMMA -> Gamma.sample(shape, random) / shape;
    };
  }

  /**
   * Seconds t at which Λ(t) = u: Λ(t) = rate·t²/(2R) during the ramp (t ≤ R), rate·R/2 + rate·(t −
   * R) after it; without a ramp simply u / rate.
   */
  double inverseCumulativeIntensity(double u) {
    double atRampEnd = rate * rampSeconds / 2;
    if (u <= atRampEnd) {
      return Math.sqrt(2 * rampSeconds * u / rate);
    }
    return rampSeconds + (u - atRampEnd) / rate;
  }
}
