package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.StreamSupport;
import onlinebench.compare.Direction;
import onlinebench.config.BenchConfig;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.RecorderState;
import onlinebench.metrics.RecorderStateJson;
import onlinebench.metrics.RunRecorder;
import onlinebench.metrics.Summary;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;
import onlinebench.report.html.LlmReportData;
import onlinebench.slo.SloEvaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every latency the harness defines ({@link LatencyMetric}) reaches every output, with the value
 * the recorder measured: a metric left out of one (a hard-coded list creeping back) fails here. The
 * run is real: streamed records into a {@link RunRecorder}, and each output written by its own
 * writer.
 */
class EveryLatencyMetricIsInEveryOutputTest {
  private static final long MS = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunRecorder recorder;
  private static Summary summary;
  private static RunFacts facts;
  private static ObjectNode summaryJson;

  @BeforeAll
  static void aStreamedRun() {
    recorder = new RunRecorder();
    for (int i = 0; i < 20; i++) {
      recorder.record(streamed(i * 100 * MS, 200 + i, 16, 20 + i % 3));
    }
    summary = recorder.summarize();
    facts = ReportFixtures.facts(true);
    summaryJson = SummaryJson.toJson(summary, facts, Instant.parse("2026-12-06T00:00:00Z"));
  }

  /**
   * A stream: first token after {@code ttftMs}, then {@code tokens - 1} more {@code itlMs} apart.
   */
  private static RequestRecord streamed(long start, long ttftMs, int tokens, long itlMs) {
    long[] chunks = new long[tokens];
    for (int t = 0; t < tokens; t++) {
      chunks[t] = start + (ttftMs + t * itlMs) * MS;
    }
    return RequestRecord.streamed(start, chunks, OptionalLong.of(64), OptionalLong.of(tokens))
        .withRequestedMaxTokens(tokens);
  }

  private static LatencyStats stats(LatencyMetric metric) {
    LatencyStats stats = summary.latency(metric);
    assertThat(stats).as("%s measured on a streamed run", metric).isNotNull();
    return stats;
  }

  @ParameterizedTest
  @EnumSource(LatencyMetric.class)
  void summaryJsonAndCsvHoldEveryStatistic(LatencyMetric metric) {
    LatencyStats stats = stats(metric);
    String csvHeader = SummaryCsv.toCsv(summaryJson).lines().findFirst().orElseThrow();
    LatencyStats.JSON_STATS.forEach(
        (stat, read) -> {
          String key = LatencyStats.jsonKey(stat, metric.key());
          assertThat(summaryJson.path(key).isNumber()).as("summary.json %s", key).isTrue();
          assertThat(summaryJson.get(key).asDouble()).isEqualTo(read.applyAsDouble(stats));
          assertThat(csvHeader.split(",")).as("summary.csv header").contains(key);
          assertThat(Direction.of(key))
              .as("compare's direction of %s", key)
              .isEqualTo(Direction.LOWER_IS_BETTER);
        });
  }

  @ParameterizedTest
  @EnumSource(LatencyMetric.class)
  void theConsoleSummaryShowsItsMedian(LatencyMetric metric) {
    String console = ConsoleSummary.render(summary, facts);
    LatencyStats stats = stats(metric);
    // E2E keeps the seed script's lines; every other latency gets one line of its own
    String expected =
        metric == LatencyMetric.E2EL
            ? String.format(Locale.ROOT, "p50 latency: %.1f ms", stats.medianMs())
            : String.format(
                Locale.ROOT,
                "%s (ms): mean %.2f  median %.2f",
                metric.label(),
                stats.meanMs(),
                stats.medianMs());
    assertThat(console).contains(expected);
  }

  @ParameterizedTest
  @EnumSource(LatencyMetric.class)
  void histogramsJsonCarriesItsHistogramThroughAMerge(LatencyMetric metric) throws Exception {
    RecorderState state = recorder.snapshot();
    JsonNode file = JSON.readTree(JSON.writeValueAsString(RecorderStateJson.toJson(state)));
    assertThat(file.path("histograms").has(metric.key())).isTrue();
    RecorderState read = RecorderStateJson.fromJson(file);
    assertThat(read.plus(read).summary().latency(metric).count())
        .isEqualTo(2 * stats(metric).count());
  }

  @ParameterizedTest
  @EnumSource(LatencyMetric.class)
  void sweepTablesHaveItsMedianAndP99(LatencyMetric metric) {
    BenchConfig config = ReportFixtures.config(true);
    List<SweepLevel> levels = List.of(new SweepLevel(config, summary, Optional.empty()));
    String header = SweepReport.csv(levels).lines().findFirst().orElseThrow();
    assertThat(header.split(","))
        .contains(
            LatencyStats.jsonKey("median", metric.key()),
            LatencyStats.jsonKey("p99", metric.key()));
    assertThat(SweepReport.table(levels)).contains(metric.label() + " p50");
  }

  @ParameterizedTest
  @EnumSource(LatencyMetric.class)
  void llmHtmlGetsItsDefinitionAndDistribution(LatencyMetric metric) {
    ObjectNode data =
        LlmReportData.of(summaryJson, recorder.timeSeries(), recorder.distributions(), List.of());
    assertThat(
            StreamSupport.stream(data.get("metrics").spliterator(), false)
                .map(m -> m.get("key").asText()))
        .contains(metric.key());
    assertThat(data.path("latency").path(metric.key()).path("count").asLong())
        .isEqualTo(stats(metric).count());
  }

  @ParameterizedTest
  @EnumSource(LatencyMetric.class)
  void theSloGrammarGatesOnIt(LatencyMetric metric) {
    SloSet gate = SloSet.parse(metric.key() + ".p99<3600s");
    assertThat(SloEvaluation.evaluate(gate, summary).results().get(0).measured())
        .isEqualTo(stats(metric).p99Ms());
    assertThat(SloSet.GRAMMAR).contains(metric.key());
    if (metric.hasPerRequestValue()) {
      SloSet perRequest = SloSet.parse(metric.key() + "<3600s");
      assertThat(perRequest.clauses().get(0).perRequest()).isTrue();
    }
  }
}
