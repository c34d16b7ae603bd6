package onlinebench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import onlinebench.config.Arrival;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
  private static final int N = 200_000;

  /** Gaps in seconds between the first n intended send times. */
  private static double[] gaps(ArrivalSchedule schedule, int n) {
    double[] gaps = new double[n];
    long previous = schedule.nextOffsetNanos();
    for (int i = 0; i < n; i++) {
      long next = schedule.nextOffsetNanos();
      gaps[i] = (next - previous) / 1e9;
      previous = next;
    }
    return gaps;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double variance(double[] values) {
    double m = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - m) * (v - m);
    }
    return sum / (values.length - 1);
  }

  @Test
  void theFirstRequestIsIntendedAtTheStart() {
    for (Arrival arrival : Arrival.values()) {
      assertThat(new ArrivalSchedule(arrival, 1, 5, Duration.ZERO, 1).nextOffsetNanos()).isZero();
    }
  }

  @Test
  void constantGapsAreExactlyOneOverTheRate() {
    double[] gaps = gaps(new ArrivalSchedule(Arrival.CONSTANT, 1, 8, Duration.ZERO, 1), 1000);
    for (double gap : gaps) {
      assertThat(gap).isCloseTo(0.125, within(1e-9));
    }
  }

  @Test
  void poissonGapsHaveMeanAndVarianceOfTheExponential() {
    double rate = 4;
    double[] gaps = gaps(new ArrivalSchedule(Arrival.POISSON, 1, rate, Duration.ZERO, 7), N);
    assertThat(mean(gaps)).isCloseTo(1 / rate, within(0.01 / rate));
    assertThat(variance(gaps)).isCloseTo(1 / (rate * rate), within(0.03 / (rate * rate)));
  }

  @Test
  void gammaGapsHaveMeanOneOverRateAndVarianceOneOverKRateSquared() {
    double rate = 10;
    for (double k : new double[] {0.25, 0.5, 1, 3}) {
      double[] gaps = gaps(new ArrivalSchedule(Arrival.GAMMA, k, rate, Duration.ZERO, 3), N);
      double expectedVariance = 1 / (k * rate * rate);
      assertThat(mean(gaps)).as("mean gap, k=%s", k).isCloseTo(1 / rate, within(0.015 / rate));
      assertThat(variance(gaps))
          .as("variance of the gaps, k=%s", k)
          .isCloseTo(expectedVariance, within(0.06 * expectedVariance));
    }
  }

  @Test
  void theSameSeedGivesTheSameSchedule() {
    ArrivalSchedule a = new ArrivalSchedule(Arrival.GAMMA, 0.5, 3, Duration.ofSeconds(2), 99);
    ArrivalSchedule b = new ArrivalSchedule(Arrival.GAMMA, 0.5, 3, Duration.ofSeconds(2), 99);
    ArrivalSchedule other = new ArrivalSchedule(Arrival.GAMMA, 0.5, 3, Duration.ofSeconds(2), 98);
    long[] first = new long[100];
    boolean differs = false;
    for (int i = 0; i < first.length; i++) {
      first[i] = a.nextOffsetNanos();
      assertThat(b.nextOffsetNanos()).isEqualTo(first[i]);
      differs |= other.nextOffsetNanos() != first[i];
    }
    assertThat(differs).as("another seed, another schedule").isTrue();
  }

  @Test
  void aRampUpRaisesTheRateLinearlyThenHoldsIt() {
    double rate = 100;
    Duration ramp = Duration.ofSeconds(100);
    ArrivalSchedule schedule = new ArrivalSchedule(Arrival.POISSON, 1, rate, ramp, 11);
    // Expected arrivals by time t: Λ(t) = rate·t²/(2R) in the ramp, so 1,250 by 50 s, 5,000 by
    // 100 s, then 100 per second: 15,000 by 200 s.
    int by50 = 0;
    int by100 = 0;
    int by200 = 0;
    for (long t = schedule.nextOffsetNanos(); t < 200e9; t = schedule.nextOffsetNanos()) {
      by50 += t < 50e9 ? 1 : 0;
      by100 += t < 100e9 ? 1 : 0;
      by200++;
    }
    assertThat(by50).isBetween(1250 - 150, 1250 + 150);
    assertThat(by100).isBetween(5000 - 300, 5000 + 300);
    assertThat(by200).isBetween(15000 - 500, 15000 + 500);
  }

  @Test
  void aConstantRampUpSpacesRequestsClosingInToOneOverTheRate() {
    ArrivalSchedule schedule =
        new ArrivalSchedule(Arrival.CONSTANT, 1, 10, Duration.ofSeconds(10), 1);
    double[] gaps = gaps(schedule, 200);
    // Λ(t) = 10·t²/20 = t²/2 during the ramp, so arrival i is at sqrt(2i) s: gaps shrink until
    // the ramp ends (i = 50, t = 10 s), then are exactly 0.1 s.
    for (int i = 1; i < 49; i++) {
      assertThat(gaps[i]).isLessThan(gaps[i - 1]);
    }
    assertThat(gaps[199]).isCloseTo(0.1, within(1e-9));
    assertThat(schedule.inverseCumulativeIntensity(50)).isCloseTo(10.0, within(1e-9));
  }
}
