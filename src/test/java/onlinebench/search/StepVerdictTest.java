package onlinebench.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import onlinebench.config.slo.LatencyStat;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.Summary;
import onlinebench.report.ReportFixtures;
import org.junit.jupiter.api.Test;

/** The fixture summary: 1021 ok and 3 failed (0.29%); TPOT median 20.05 ms, p99 21.0 ms. */
class StepVerdictTest {
  private static final Summary STEP = ReportFixtures.summary(true);

  @Test
  void passesWhenEveryGateHoldsAndTheErrorsFitThePercentile() {
    StepVerdict verdict = StepVerdict.of(SloSet.parse("tpot.p99<25ms"), STEP, Optional.empty());

    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.whyFailed()).isEmpty();
    assertThat(verdict.whyLine()).isEmpty();
  }

  @Test
  void failsAGateTheFiguresMissAndSaysByHowMuch() {
    StepVerdict verdict = StepVerdict.of(SloSet.parse("tpot.p99<20ms"), STEP, Optional.empty());

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.whyFailed()).containsExactly("tpot.p99<20ms measured 21.00");
  }

  @Test
  void countsFailedRequestsAsSlowerThanAnyBoundOfAMeanGate() {
    StepVerdict verdict = StepVerdict.of(SloSet.parse("tpot.mean<25ms"), STEP, Optional.empty());

    assertThat(verdict.passed())
        .as("3 failed requests break a mean: they never finished")
        .isFalse();
    assertThat(verdict.whyLine())
        .isEqualTo(
            "tpot.mean<25ms: 3 of 1024 requests failed (0.3%), more than the 0.0% a mean allows");
  }

  @Test
  void failsAStepStoppedEarlyWhateverItsFigures() {
    StepVerdict verdict =
        StepVerdict.of(
            SloSet.parse("tpot.p99<25ms"), STEP, Optional.of("60% of the last 10 failed"));

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.whyFailed()).containsExactly("stopped early: 60% of the last 10 failed");
  }

  @Test
  void allowsEachPercentileItsShareOfFailures() {
    assertThat(StepVerdict.allowedFailedShare(LatencyStat.P99)).isEqualTo(0.01);
    assertThat(StepVerdict.allowedFailedShare(LatencyStat.P90)).isEqualTo(0.1);
    assertThat(StepVerdict.allowedFailedShare(LatencyStat.MEDIAN)).isEqualTo(0.5);
    assertThat(StepVerdict.allowedFailedShare(LatencyStat.MAX)).isZero();
  }
}
