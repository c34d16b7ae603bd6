package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.metrics.HarnessCheck;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.LoadStats;
import onlinebench.metrics.ProgressSnapshot;
import onlinebench.metrics.Summary;
import org.junit.jupiter.api.Test;

/** How the load model shows: the open-model block, its summary.json keys, sweeps, progress. */
class LoadReportTest {
  private static final HarnessCheck CALM =
      new HarnessCheck(0.4, 3.1, 1200, 0.25, 0.35, 2, List.of());

  private static BenchConfig config(Map<String, String> load) {
    Map<String, String> props = new java.util.HashMap<>(load);
    props.put("apiBase", "http://127.0.0.1:8000/v1");
    props.put("model", "simulated-llm");
    props.put("stream", "true");
    return BenchConfigParser.parse(props, Map.of());
  }

  /** The streaming fixture, with the open model's figures: queued 40 ms on average. */
  private static Summary openSummary(long lateTickets, long inFlightAtEnd) {
    Summary s = ReportFixtures.summary(true);
    LoadStats load =
        new LoadStats(
            new LatencyStats(
                1021, 933.4, 951.3, 130.5, 1240.0, 1324.2, 1480.7, 510.1, 1600.9, Double.NaN),
            new LatencyStats(
                1021, 241.5, 240.9, 13.2, 254.0, 265.5, 290.25, 209.9, 330.0, Double.NaN),
            new LatencyStats(1024, 0.9, 0.12, 2.0, 0.5, 0.8, 1.3, 0.01, 4.1, Double.NaN),
            inFlightAtEnd,
            lateTickets);
    return ReportFixtures.with(s, null, load);
  }

  @Test
  void theOpenModelShowsLatencyFromTheIntendedSendAndTheSendLag() throws IOException {
    BenchConfig config =
        config(Map.of("requestRate", "4", "maxConcurrency", "64", "totalRequests", "1024"));
    String text =
        ConsoleSummary.render(
            openSummary(0, 0),
            new RunFacts(config, false, false, CALM, ReportFixtures.promptSizing()));
    ConsoleSummaryTest.assertMatchesGolden(text, "console-summary-open.txt");
    assertThat(text)
        .startsWith("Requests (ok/err): 1021/3  Rate: 4 req/s (poisson)  Elapsed: 8.954s\n")
        .contains("Open model: 4 req/s, poisson arrivals, maxConcurrency 64\n")
        .contains(
            "From intended send (ms), queueing in the client included: e2el p50 951.3  p99 1480.7"
                + "  mean 933.4 | TTFT p50 240.9  p99 290.3  mean 241.5\n")
        .contains("Send lag (actual - intended, ms): p50 0.12  p99 1.30  max 4.10\n")
        .doesNotContain("WARNING: ");
  }

  @Test
  void warnsWhenRequestsWereDueWhileEveryUserWasBusy() {
    BenchConfig config = config(Map.of("requestRate", "4", "maxConcurrency", "8"));
    String text =
        ConsoleSummary.render(
            openSummary(17, 0),
            new RunFacts(config, false, false, CALM, ReportFixtures.promptSizing()));
    assertThat(text)
        .contains(
            "WARNING: 17 of 1024 requests were due before a user was free to send them, so they"
                + " went out late (8 users; maxConcurrency is the limit)");
  }

  @Test
  void aDurationRunReportsTheRequestsInFlightAtItsEnd() {
    BenchConfig config = config(Map.of("duration", "60s"));
    String text =
        ConsoleSummary.render(
            openSummary(0, 5),
            new RunFacts(config, false, false, CALM, ReportFixtures.promptSizing()));
    assertThat(text)
        .startsWith("Requests (ok/err): 1021/3  Concurrency: 128  Elapsed")
        .contains(
            "Duration: 60s; 5 requests were in flight at its end and ran to completion (counted,"
                + " latencies included)")
        .doesNotContain("Open model");
  }

  @Test
  void summaryJsonHasVllmStyleLoadKeys() {
    BenchConfig open =
        config(Map.of("requestRate", "2.5", "arrival", "gamma", "burstiness", "0.5"));
    ObjectNode json =
        SummaryJson.toJson(
            openSummary(3, 0),
            new RunFacts(open, false, false, CALM, ReportFixtures.promptSizing()),
            Instant.EPOCH);
    assertThat(json.get("request_rate").asDouble()).isEqualTo(2.5);
    assertThat(json.get("arrival").asText()).isEqualTo("gamma");
    assertThat(json.get("burstiness").asDouble()).isEqualTo(0.5);
    assertThat(json.get("max_concurrency").isNull()).isTrue();
    assertThat(json.get("user_pool").asInt()).isEqualTo(1024);
    assertThat(json.get("median_e2el_from_intended_ms").asDouble()).isEqualTo(951.3);
    assertThat(json.get("p99_ttft_from_intended_ms").asDouble()).isEqualTo(290.25);
    assertThat(json.get("max_send_lag_ms").asDouble()).isEqualTo(4.1);
    assertThat(json.get("pool_limited_requests").asLong()).isEqualTo(3);
    assertThat(json.get("in_flight_at_end").asLong()).isZero();

    ObjectNode closed =
        SummaryJson.toJson(
            openSummary(0, 2),
            new RunFacts(
                config(Map.of("duration", "30s")),
                false,
                false,
                CALM,
                ReportFixtures.promptSizing()),
            Instant.EPOCH);
    assertThat(closed.get("request_rate").asText()).as("vLLM's value").isEqualTo("inf");
    assertThat(closed.get("max_concurrency").asInt()).isEqualTo(128);
    assertThat(closed.get("duration_limit_s").asDouble()).isEqualTo(30.0);
    assertThat(closed.get("in_flight_at_end").asLong()).isEqualTo(2);
  }

  @Test
  void aDurationRunsProgressShowsTimeSpentOfTheDuration() {
    ProgressSnapshot p =
        new ProgressSnapshot(
            240, 1, Map.of(), 24_000, 48_000, 12_000_000_000L, OptionalDouble.of(201.5));
    assertThat(ProgressLine.format(p, Duration.ofSeconds(60), true))
        .isEqualTo(
            "Progress: 12.0s/60s (20.0%) | Done 240 | RPS(avg) 20.00 | Gen tok/s 2000.0 | Total"
                + " tok/s 4000.0 | Errors 1 | ETA 48s | TTFT p50 201.5 ms");
    assertThat(ProgressLine.format(p, 1024, false))
        .isEqualTo(
            "Progress: 240/1024 (23.4%) | RPS(avg) 20.00 | Gen tok/s 2000.0 | Total tok/s 4000.0"
                + " | Errors 1 | ETA 39s");
  }

  @Test
  void aSweepIsOneRowPerLevelInTheTableTheCsvAndTheJson() {
    BenchConfig sweep = config(Map.of("concurrency", "1,4"));
    List<SweepLevel> levels =
        List.of(
            new SweepLevel(sweep.levels().get(0), ReportFixtures.summary(true), Optional.of(true)),
            new SweepLevel(
                sweep.levels().get(1), ReportFixtures.summary(false), Optional.of(false)));
    String table = SweepReport.table(levels);
    assertThat(table.lines())
        .containsExactly(
            "=== Sweep: 2 levels ===",
            "concurrency      req/s  out tok/s    E2E p50    E2E p99   TTFT p50   TTFT p99  "
                + " TTFO p50   TTFO p99   TPOT p50   TPOT p99    ITL p50    ITL p99   errors  SLO",
            "          1     114.03  116763.90     911.30    1400.70     200.90     210.25    "
                + " 200.90     210.25      20.05      21.00      20.00      23.00        3  met",
            "          4     114.03  116763.90     911.30    1400.70        n/a        n/a    "
                + "    n/a        n/a        n/a        n/a        n/a        n/a        3  missed",
            "Highest level that met the SLOs: 1");
    assertThat(SweepReport.csv(levels).lines())
        .containsExactly(
            "concurrency,request_throughput,output_throughput,median_e2el_ms,p99_e2el_ms,"
                + "median_ttft_ms,p99_ttft_ms,median_ttfo_ms,p99_ttfo_ms,median_tpot_ms,p99_tpot_ms,"
                + "median_itl_ms,p99_itl_ms,completed,failed,met_slo",
            "1,114.0300,116763.9000,911.3000,1400.7000,200.9000,210.2500,200.9000,210.2500,20.0500,"
                + "21.0000,20.0000,23.0000,1021,3,true",
            "4,114.0300,116763.9000,911.3000,1400.7000,,,,,,,,,1021,3,false");
    ObjectNode json = SweepReport.json(levels);
    assertThat(json.get("parameter").asText()).isEqualTo("concurrency");
    assertThat(json.get("best_level").asDouble()).isEqualTo(1.0);
    assertThat(json.get("levels").get(1).get("median_ttft_ms").isNull()).isTrue();
    ObjectNode summary =
        SweepReport.summaryJson(
            levels,
            new RunFacts(sweep, false, false, CALM, ReportFixtures.promptSizing()),
            Instant.EPOCH);
    assertThat(summary.get("levels")).hasSize(2);
    assertThat(summary.get("levels").get(1).get("max_concurrency").asInt()).isEqualTo(4);
    assertThat(summary.get("config").get("concurrency").asText()).isEqualTo("1,4");
  }

  @Test
  void withoutSlosNoLevelIsNamed() {
    BenchConfig sweep = config(Map.of("requestRate", "1,2"));
    List<SweepLevel> levels =
        List.of(
            new SweepLevel(sweep.levels().get(0), ReportFixtures.summary(true), Optional.empty()),
            new SweepLevel(sweep.levels().get(1), ReportFixtures.summary(true), Optional.empty()));
    assertThat(SweepReport.best(levels)).isEmpty();
    assertThat(SweepReport.table(levels))
        .startsWith("=== Sweep: 2 levels ===\n       rate")
        .doesNotContain("SLO");
    assertThat(SweepReport.json(levels).get("parameter").asText()).isEqualTo("request_rate");
  }
}
