package onlinebench.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Predicate;
import onlinebench.config.slo.SloClause;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.Goodput;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.LengthStats;
import onlinebench.metrics.LoadStats;
import onlinebench.metrics.PrefixCacheTotals;
import onlinebench.metrics.ReasoningStats;
import onlinebench.metrics.Summary;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class SloEvaluationTest {
  private static final long MS = 1_000_000;

  /** 97 ok, 3 failed in 10 s; TTFT p95 205.5 ms, TPOT p99 21 ms, E2E p99 1400.7 ms. */
  private static Summary summary(Goodput goodput) {
    return new Summary(
        10,
        97,
        3,
        9_700,
        97_000,
        9.7,
        9_700,
        10_670,
        Map.of(
            LatencyMetric.E2EL,
            new LatencyStats(97, 893.4, 911.3, 120.5, 1200.0, 1284.2, 1400.7, 500.1, 1500.9, 1490),
            LatencyMetric.TTFT,
            new LatencyStats(97, 201.5, 200.9, 3.2, 204.0, 205.5, 210.25, 199.9, 230.0, 229),
            LatencyMetric.TPOT,
            new LatencyStats(97, 20.1, 20.05, 0.3, 20.4, 20.6, 21.0, 19.9, 22.0, Double.NaN)),
        null,
        Map.of(ErrorKind.HTTP_5XX, 3L),
        0,
        0,
        0,
        0,
        0,
        new LengthStats(
            OptionalDouble.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty()),
        ReasoningStats.NONE,
        goodput,
        PrefixCacheTotals.NONE,
        null,
        LoadStats.NONE);
  }

  private static SloResult evaluateOne(String clause, Summary s) {
    return SloEvaluation.evaluate(SloSet.parse(clause), s).results().get(0);
  }

  @Test
  void passesAndFailsLatencyGatesOnTheNamedStatistic() {
    Summary s = summary(null);
    assertThat(evaluateOne("ttft.p95<500ms", s))
        .isEqualTo(new SloResult(only("ttft.p95<500ms"), 205.5, Verdict.PASS));
    assertThat(evaluateOne("ttft.p95<205.5ms", s).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluateOne("ttft.p95<=205.5ms", s).verdict()).isEqualTo(Verdict.PASS);
    assertThat(evaluateOne("tpot.p99<1us", s).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluateOne("tpot.p99<1us", s).measured()).isEqualTo(21.0);
    assertThat(evaluateOne("e2el.p99.9<1.5s", s).measured()).isEqualTo(1490);
    assertThat(evaluateOne("e2el.max<1.5s", s).measured()).isEqualTo(1500.9);
    assertThat(evaluateOne("e2el.mean<1s", s).measured()).isEqualTo(893.4);
    assertThat(evaluateOne("e2el.median<1s", s).measured()).isEqualTo(911.3);
    assertThat(evaluateOne("e2el.p90<1s", s).measured()).isEqualTo(1200.0);
  }

  @Test
  void failsAGateWhoseMetricTheRunDoesNotHave() {
    SloResult itl = evaluateOne("itl.p99<50ms", summary(null));
    assertThat(itl.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(itl.measured()).isNaN();
    // an old-style LatencyStats without the 99.9th percentile
    assertThat(evaluateOne("tpot.p99.9<1s", summary(null)).verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void countsErrorsAsAShareOfEveryRequestOrAsANumber() {
    Summary s = summary(null);
    assertThat(evaluateOne("errors<1%", s).measured()).isEqualTo(3.0);
    assertThat(evaluateOne("errors<1%", s).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluateOne("errors<=3%", s).verdict()).isEqualTo(Verdict.PASS);
    assertThat(evaluateOne("errors<3", s).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluateOne("errors<=3", s).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void checksThroughputsFromBelow() {
    Summary s = summary(null);
    assertThat(evaluateOne("output_throughput>5000", s).verdict()).isEqualTo(Verdict.PASS);
    assertThat(evaluateOne("output_throughput>9700", s).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluateOne("output_throughput>=9700", s).verdict()).isEqualTo(Verdict.PASS);
    assertThat(evaluateOne("request_throughput>10", s).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(evaluateOne("total_token_throughput>10000", s).measured()).isEqualTo(10_670);
  }

  @Test
  void checksGoodputAndTheGoodFraction() {
    Summary s = summary(new Goodput(90, 9.0, 0.9));
    SloReport report =
        SloEvaluation.evaluate(SloSet.parse("ttft<300ms,goodput>8,good_request_fraction>=95%"), s);
    assertThat(report.results())
        .extracting(SloResult::verdict)
        .containsExactly(Verdict.PER_REQUEST, Verdict.PASS, Verdict.FAIL);
    assertThat(report.results().get(2).measured()).isEqualTo(90.0);
    assertThat(report.allPassed()).isFalse();
    assertThat(report.gates()).isEqualTo(2);
    assertThat(report.failures())
        .extracting(r -> r.clause().text())
        .containsExactly("good_request_fraction>=95%");
  }

  @Test
  void perRequestClausesAloneNeverFailARun() {
    SloReport report =
        SloEvaluation.evaluate(SloSet.parse("ttft<1us,e2el<1us"), summary(new Goodput(0, 0, 0)));
    assertThat(report.allPassed()).isTrue();
    assertThat(report.gates()).isZero();
  }

  @Test
  void noObjectivesPass() {
    assertThat(SloEvaluation.evaluate(SloSet.NONE, summary(null)).allPassed()).isTrue();
  }

  @Test
  void aGoodRequestMeetsEveryPerRequestClause() {
    Predicate<RequestRecord> good =
        SloEvaluation.goodRequest(SloSet.parse("ttft<300ms,tpot<=20ms,e2el<1s,errors<5%"))
            .orElseThrow();
    // TTFT 200 ms, then 9 more tokens 20 ms apart: TPOT 20 ms, E2E 380 ms
    assertThat(good.test(stream(200, 20, 10))).isTrue();
    assertThat(good.test(stream(300, 20, 10))).as("TTFT 300 is not < 300").isFalse();
    assertThat(good.test(stream(200, 21, 10))).as("TPOT 21 > 20").isFalse();
    assertThat(good.test(stream(200, 90, 10))).as("E2E 1010 ms").isFalse();
    assertThat(good.test(stream(200, 0, 1))).as("one token: TPOT 0, as vLLM").isTrue();
    assertThat(good.test(RequestRecord.failed(0, MS, 500, ErrorKind.HTTP_5XX, "boom")))
        .as("a failed request is never good")
        .isFalse();
  }

  @Test
  void aNonStreamedRequestIsJudgedOnItsEndToEndLatency() {
    Predicate<RequestRecord> good =
        SloEvaluation.goodRequest(SloSet.parse("e2el<=1s")).orElseThrow();
    OptionalLong none = OptionalLong.empty();
    assertThat(good.test(RequestRecord.completed(0, 1000 * MS, none, none))).isTrue();
    assertThat(good.test(RequestRecord.completed(0, 1001 * MS, none, none))).isFalse();
  }

  private static RequestRecord stream(long ttftMs, long itlMs, int tokens) {
    long[] chunks = new long[tokens];
    for (int i = 0; i < tokens; i++) {
      chunks[i] = (ttftMs + i * itlMs) * MS;
    }
    return RequestRecord.streamed(0, chunks, OptionalLong.of(10), OptionalLong.of(tokens));
  }

  private static SloClause only(String text) {
    return SloSet.parse(text).clauses().get(0);
  }
}
