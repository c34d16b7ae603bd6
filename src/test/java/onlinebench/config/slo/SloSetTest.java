package onlinebench.config.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import onlinebench.record.LatencyMetric;
import org.junit.jupiter.api.Test;

class SloSetTest {
  private static SloClause only(String text) {
    List<SloClause> clauses = SloSet.parse(text).clauses();
    assertThat(clauses).hasSize(1);
    return clauses.get(0);
  }

  private static void assertRejected(String text, String clause, String reason) {
    assertThatThrownBy(() -> SloSet.parse(text))
        .isInstanceOfSatisfying(
            SloSyntaxException.class,
            e -> {
              assertThat(e.clause()).isEqualTo(clause);
              assertThat(e.reason()).contains(reason);
            });
  }

  @Test
  void parsesTheIssuesExample() {
    SloSet slo =
        SloSet.parse("ttft.p95<500ms,tpot.p99<50ms,e2el.p99<20s,errors<1%,output_throughput>5000");
    assertThat(slo.clauses())
        .containsExactly(
            SloClause.latency(
                "ttft.p95<500ms",
                LatencyMetric.TTFT,
                Optional.of(LatencyStat.P95),
                Comparison.LT,
                500),
            SloClause.latency(
                "tpot.p99<50ms",
                LatencyMetric.TPOT,
                Optional.of(LatencyStat.P99),
                Comparison.LT,
                50),
            SloClause.latency(
                "e2el.p99<20s",
                LatencyMetric.E2EL,
                Optional.of(LatencyStat.P99),
                Comparison.LT,
                20_000),
            SloClause.of("errors<1%", Quantity.ERROR_PERCENT, Comparison.LT, 1),
            SloClause.of(
                "output_throughput>5000", Quantity.OUTPUT_THROUGHPUT, Comparison.GT, 5000));
    assertThat(slo.text())
        .isEqualTo("ttft.p95<500ms,tpot.p99<50ms,e2el.p99<20s,errors<1%,output_throughput>5000");
  }

  @Test
  void acceptsEveryLatencyStatistic() {
    assertThat(only("itl.mean<20ms").stat()).contains(LatencyStat.MEAN);
    assertThat(only("itl.median<20ms").stat()).contains(LatencyStat.MEDIAN);
    assertThat(only("itl.p50<20ms").stat()).contains(LatencyStat.MEDIAN);
    assertThat(only("itl.p90<20ms").stat()).contains(LatencyStat.P90);
    assertThat(only("itl.p95<20ms").stat()).contains(LatencyStat.P95);
    assertThat(only("itl.p99<20ms").stat()).contains(LatencyStat.P99);
    assertThat(only("itl.p99.9<20ms").stat()).contains(LatencyStat.P99_9);
    assertThat(only("itl.max<20ms").stat()).contains(LatencyStat.MAX);
  }

  @Test
  void readsDurationsInMicrosecondsMillisecondsAndSeconds() {
    assertThat(only("e2el.p99<800us").threshold()).isEqualTo(0.8);
    assertThat(only("e2el.p99<800µs").threshold()).isEqualTo(0.8);
    assertThat(only("e2el.p99<1.5ms").threshold()).isEqualTo(1.5);
    assertThat(only("e2el.p99<2.5s").threshold()).isEqualTo(2500);
  }

  @Test
  void acceptsInclusiveBoundsSpacesAndCapitals() {
    SloClause c = only("  TTFT.P95 <= 500 ms ");
    assertThat(c.comparison()).isEqualTo(Comparison.LTE);
    assertThat(c.threshold()).isEqualTo(500);
    assertThat(c.text()).isEqualTo("TTFT.P95 <= 500 ms");
    assertThat(only("request_throughput>=10").comparison()).isEqualTo(Comparison.GTE);
  }

  @Test
  void readsErrorsAsAPercentageOrACount() {
    assertThat(only("errors<0.5%"))
        .isEqualTo(SloClause.of("errors<0.5%", Quantity.ERROR_PERCENT, Comparison.LT, 0.5));
    assertThat(only("errors<=0"))
        .isEqualTo(SloClause.of("errors<=0", Quantity.ERROR_COUNT, Comparison.LTE, 0));
  }

  @Test
  void acceptsEveryThroughput() {
    assertThat(only("request_throughput>2.5").quantity()).isEqualTo(Quantity.REQUEST_THROUGHPUT);
    assertThat(only("output_throughput>5000").quantity()).isEqualTo(Quantity.OUTPUT_THROUGHPUT);
    assertThat(only("total_token_throughput>9000").quantity())
        .isEqualTo(Quantity.TOTAL_TOKEN_THROUGHPUT);
  }

  @Test
  void statLessLatenciesArePerRequestClausesNotGates() {
    SloSet slo = SloSet.parse("ttft<500ms,tpot<=50ms,e2el<2s,goodput>3,good_request_fraction>=90%");
    assertThat(slo.clauses())
        .extracting(SloClause::perRequest)
        .containsExactly(true, true, true, false, false);
    assertThat(slo.clauses())
        .extracting(SloClause::gate)
        .containsExactly(false, false, false, true, true);
    assertThat(slo.clauses().get(4).threshold()).isEqualTo(90);
    assertThat(slo.clauses().stream().anyMatch(SloClause::perRequest)).isTrue();
    assertThat(SloSet.parse("ttft.p99<500ms").clauses().get(0).perRequest()).isFalse();
  }

  @Test
  void blankMeansNoObjectives() {
    assertThat(SloSet.parse(" ").isEmpty()).isTrue();
    assertThat(SloSet.parse("").clauses()).isEmpty();
  }

  @Test
  void knowsWhichClausesGatlingHolds() {
    assertThat(only("e2el.p99<1s").heldByGatling()).isTrue();
    assertThat(only("ttft.max<1s").heldByGatling()).isTrue();
    assertThat(only("errors<1%").heldByGatling()).isTrue();
    assertThat(only("errors<3").heldByGatling()).isTrue();
    assertThat(only("tpot.p99<1s").heldByGatling()).isFalse();
    assertThat(only("itl.p99<1s").heldByGatling()).isFalse();
    assertThat(only("output_throughput>1").heldByGatling()).isFalse();
    assertThat(only("e2el<1s").heldByGatling()).isFalse();
  }

  @Test
  void needsStreamingOnlyForTtftTpotAndItl() {
    assertThat(SloSet.parse("e2el.p99<1s,errors<1%").needsStreaming()).isFalse();
    assertThat(SloSet.parse("e2el.p99<1s,tpot<50ms").needsStreaming()).isTrue();
  }

  @Test
  void rejectsAMissingUnit() {
    assertRejected("ttft.p95<500", "ttft.p95<500", "a duration needs a unit: us, ms or s");
  }

  @Test
  void rejectsAnUnknownUnit() {
    assertRejected("ttft.p95<5min", "ttft.p95<5min", "a duration is a number and a unit");
  }

  @Test
  void rejectsAnUnknownStatistic() {
    assertRejected("ttft.p98<500ms", "ttft.p98<500ms", "unknown statistic \"p98\"");
  }

  @Test
  void rejectsAnUnknownMetric() {
    assertRejected("e2e.p99<1s", "e2e.p99<1s", "unknown metric \"e2e\"");
  }

  @Test
  void rejectsAClauseWithoutComparison() {
    assertRejected("ttft.p95", "ttft.p95", "expected METRIC<VALUE or METRIC>VALUE");
    assertRejected("ttft.p95=500ms", "ttft.p95=500ms", "expected METRIC<VALUE");
  }

  @Test
  void rejectsAnEmptyClause() {
    assertRejected("ttft.p95<500ms,,errors<1%", "", "empty clause");
    assertRejected("ttft.p95<500ms,", "", "empty clause");
  }

  @Test
  void rejectsLatencyBoundedFromBelow() {
    assertRejected("ttft.p95>500ms", "ttft.p95>500ms", "bounded from above");
  }

  @Test
  void rejectsThroughputBoundedFromAbove() {
    assertRejected("output_throughput<5000", "output_throughput<5000", "bounded from below");
    assertRejected("goodput<=1,ttft<1s", "goodput<=1", "bounded from below");
  }

  @Test
  void rejectsErrorsBoundedFromBelowOrNotANumber() {
    assertRejected("errors>1%", "errors>1%", "bounded from above");
    assertRejected("errors<1.5", "errors<1.5", "a percentage (1%) or a whole number");
    assertRejected("errors<101%", "errors<101%", "at most 100%");
  }

  @Test
  void rejectsAStatisticOnAnythingButLatency() {
    assertRejected(
        "errors.p99<1%", "errors.p99<1%", "only e2el, ttft, ttfo, tpot, itl take a statistic");
    assertRejected(
        "output_throughput.mean>5",
        "output_throughput.mean>5",
        "only e2el, ttft, ttfo, tpot, itl take a statistic");
  }

  @Test
  void rejectsAThroughputThatIsNotANumber() {
    assertRejected("output_throughput>fast", "output_throughput>fast", "takes a number");
    assertRejected("output_throughput>5%", "output_throughput>5%", "takes a number");
  }

  @Test
  void rejectsPerRequestItl() {
    assertRejected("itl<50ms", "itl<50ms", "itl has no per-request value");
  }

  @Test
  void rejectsGoodputWithoutPerRequestClauses() {
    assertRejected("goodput>10", "goodput>10", "goodput needs per-request clauses");
    assertRejected(
        "ttft.p99<1s,good_request_fraction>90%",
        "good_request_fraction>90%", "goodput needs per-request clauses");
  }

  @Test
  void rejectsAFractionWithoutPercent() {
    assertRejected(
        "ttft<1s,good_request_fraction>0.9", "good_request_fraction>0.9", "takes a percentage");
  }
}
