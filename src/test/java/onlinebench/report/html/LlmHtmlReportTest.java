package onlinebench.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.Tokenizer;
import onlinebench.metrics.HarnessCheck;
import onlinebench.metrics.RunRecorder;
import onlinebench.prompt.PromptSizing;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import onlinebench.report.RunFacts;
import onlinebench.report.SearchFixtures;
import onlinebench.report.SearchReport;
import onlinebench.report.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmHtmlReportTest {
  private static final String KEY = "sk-html-secret-0123456789";
  private static final long MS = 1_000_000;
  private static final long T0 = 5_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  /** A run of 3 seconds: 60 streamed requests, and with {@code failures} some failed ones. */
  private static RunRecorder run(boolean failures) {
    RunRecorder recorder = new RunRecorder();
    recorder.requestStarting(T0);
    for (int i = 0; i < 60; i++) {
      long start = T0 + i * 40 * MS;
      long[] chunks = new long[16];
      for (int c = 0; c < chunks.length; c++) {
        chunks[c] = start + (50 + i % 7 + c * 3L) * MS;
      }
      recorder.record(
          RequestRecord.streamed(start, chunks, OptionalLong.of(64), OptionalLong.of(16)));
    }
    if (failures) {
      recorder.record(RequestRecord.failed(T0, T0 + 1_200 * MS, 503, ErrorKind.HTTP_5XX, "x"));
      recorder.record(RequestRecord.failed(T0, T0 + 2_100 * MS, 0, ErrorKind.TIMEOUT, "x"));
      recorder.record(RequestRecord.failed(T0, T0 + 2_300 * MS, 0, ErrorKind.TIMEOUT, "x"));
    }
    return recorder;
  }

  private static ObjectNode summaryJson(RunRecorder recorder, String model) {
    Map<String, String> properties = new HashMap<>();
    properties.put("apiBase", "http://127.0.0.1:8000/v1");
    properties.put("model", model);
    properties.put("apiKey", KEY);
    properties.put("stream", "true");
    RunFacts facts =
        new RunFacts(
            BenchConfigParser.parse(properties, Map.of()),
            false,
            false,
            new HarnessCheck(0.4, 3.0, 1200, 0.2, 0.3, 2, List.of()),
            new PromptSizing(Tokenizer.CL100K_BASE, OptionalDouble.empty(), Optional.empty()));
    return SummaryJson.toJson(recorder.summarize(), facts, Instant.parse("2026-11-27T23:00:00Z"));
  }

  private static ObjectNode data(
      RunRecorder recorder, ObjectNode summary, List<SweepChartPoint> sweep) {
    return LlmReportData.of(summary, recorder.timeSeries(), recorder.distributions(), sweep);
  }

  private Path writeBoth(RunRecorder recorder, ObjectNode summary) throws Exception {
    SummaryJson.write(folder, summary);
    return LlmHtmlReport.write(folder, data(recorder, summary, List.of()));
  }

  @Test
  void embeddedDataHasTheSameFiguresAsSummaryJson() throws Exception {
    RunRecorder recorder = run(true);
    Path page = writeBoth(recorder, summaryJson(recorder, "simulated-llm"));

    JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
    JsonNode data = LlmPage.data(LlmPage.read(page));
    assertThat(data.get("summary")).isEqualTo(summary);

    JsonNode series = data.get("timeSeries");
    assertThat(sum(series.get("completed"))).isEqualTo(summary.get("completed").asLong());
    assertThat(sum(series.get("outputTokens")))
        .isEqualTo(summary.get("total_output_tokens").asLong());
    assertThat(sum(series.get("totalTokens")))
        .isEqualTo(
            summary.get("total_input_tokens").asLong()
                + summary.get("total_output_tokens").asLong());
    assertThat(sum(series.get("failed").get("http_5xx"))).isEqualTo(1);
    assertThat(sum(series.get("failed").get("timeout"))).isEqualTo(2);
    assertThat(series.get("failed").has("connection")).as("kinds that never occurred").isFalse();
    for (String metric : List.of("e2el", "ttft", "tpot", "itl")) {
      JsonNode percentiles = data.get("latency").get(metric).get("percentiles");
      assertThat(valueAt(percentiles, 50))
          .as("%s p50", metric)
          .isEqualTo(summary.get("median_" + metric + "_ms").asDouble());
      assertThat(valueAt(percentiles, 99))
          .as("%s p99", metric)
          .isEqualTo(summary.get("p99_" + metric + "_ms").asDouble());
      assertThat(data.get("latency").get(metric).get("count").asLong())
          .isEqualTo(sum(data.get("latency").get(metric).get("bins"), "count"));
    }
  }

  @Test
  void apiKeyIsMaskedInThePage() throws Exception {
    RunRecorder recorder = run(false);
    String html = LlmPage.read(writeBoth(recorder, summaryJson(recorder, "simulated-llm")));

    assertThat(html).doesNotContain(KEY);
    assertThat(LlmPage.data(html).get("summary").get("config").get("apiKey").asText())
        .isEqualTo("sk-****89");
  }

  @Test
  void chartScriptIsCopiedBesideThePageAndNothingComesFromTheNetwork() throws Exception {
    RunRecorder recorder = run(false);
    String html = LlmPage.read(writeBoth(recorder, summaryJson(recorder, "simulated-llm")));

    String src = LlmPage.scriptSrc(html);
    assertThat(src).isEqualTo("llm-chart.umd.js");
    assertThat(Files.readString(folder.resolve(src), StandardCharsets.UTF_8))
        .startsWith("/*!\n * Chart.js v" + ChartScript.version());
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
  }

  @Test
  void cleanNonStreamedRunHasNoErrorSweepOrSloSection() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(
        RequestRecord.completed(T0, T0 + 300 * MS, OptionalLong.of(10), OptionalLong.of(5)));
    String html =
        LlmHtmlReport.render(data(recorder, summaryJson(recorder, "simulated-llm"), List.of()));

    assertThat(html)
        .contains("id=\"headline\"", "id=\"throughput\"", "id=\"concurrency\"", "id=\"latency\"")
        .contains("id=\"config\"")
        .doesNotContain(
            "id=\"errors\"", "id=\"sweep\"", "id=\"slo\"", "id=\"server\"", "id=\"search\"")
        .doesNotContain(
            "href=\"#errors\"",
            "href=\"#sweep\"",
            "href=\"#slo\"",
            "href=\"#server\"",
            "href=\"#search\"")
        .doesNotContain("<!--if:", "{{");
  }

  @Test
  void failedRequestsBringTheErrorsSection() {
    RunRecorder recorder = run(true);
    String html =
        LlmHtmlReport.render(data(recorder, summaryJson(recorder, "simulated-llm"), List.of()));
    assertThat(html).contains("id=\"errors\"", "href=\"#errors\"");
  }

  @Test
  void nothingMeasuredHasNoChartsButTheHeadlineAndConfig() {
    RunRecorder recorder = new RunRecorder();
    String html =
        LlmHtmlReport.render(data(recorder, summaryJson(recorder, "simulated-llm"), List.of()));
    assertThat(html)
        .contains("id=\"headline\"", "id=\"config\"")
        .doesNotContain("id=\"throughput\"", "id=\"concurrency\"", "id=\"latency\"");
  }

  @Test
  void sweepLevelsBringTheThroughputLatencyCurve() throws Exception {
    List<SweepChartPoint> levels =
        List.of(
            new SweepChartPoint("concurrency 1", level(20.5, 180.0, 210.0)),
            new SweepChartPoint("concurrency 8", level(150.2, 260.0, 330.0)),
            new SweepChartPoint("concurrency 32", level(410.9, 700.0, 1100.0)));
    RunRecorder recorder = run(false);
    String html =
        LlmHtmlReport.render(data(recorder, summaryJson(recorder, "simulated-llm"), levels));

    assertThat(html).contains("id=\"sweep\"", "href=\"#sweep\"");
    JsonNode sweep = LlmPage.data(html).get("sweep");
    assertThat(sweep).hasSize(3);
    assertThat(sweep.get(1).get("label").asText()).isEqualTo("concurrency 8");
    assertThat(sweep.get(2).get("summary").get("p99_e2el_ms").asDouble()).isEqualTo(1100.0);
  }

  @Test
  void theServersSamplesBringTheServerSection() throws Exception {
    RunRecorder recorder = run(false);
    ObjectNode data = data(recorder, summaryJson(recorder, "simulated-llm"), List.of());
    ObjectNode server = data.putObject("server");
    server.putArray("offset_s").add(-0.5).add(0.5);
    server.putArray("running").add(0).add(4);
    server.putArray("waiting").add(0).add(1);
    server.putArray("kv_cache_usage").addNull().addNull();
    server.putArray("generation_tokens_per_s").addNull().add(120.0);
    String html = LlmHtmlReport.render(data);

    assertThat(html)
        .contains("id=\"server\"", "href=\"#server\"")
        .contains("server-requests-chart", "server-tokens-chart");
    assertThat(LlmPage.data(html).get("server").get("running").get(1).asInt()).isEqualTo(4);
  }

  @Test
  void aSearchBringsItsStepsAndGatesToTheSearchSection() throws Exception {
    SearchFixtures.Finished search = SearchFixtures.run(c -> c <= 2);
    ObjectNode searchJson = SearchReport.json(search.search(), search.steps(), SearchFixtures.SLO);
    RunRecorder recorder = run(false);
    String html =
        LlmHtmlReport.render(
            LlmReportData.of(
                summaryJson(recorder, "simulated-llm"),
                recorder.timeSeries(),
                recorder.distributions(),
                List.of(),
                Optional.of(searchJson)));

    assertThat(html).contains("id=\"search\"", "href=\"#search\"");
    JsonNode data = LlmPage.data(html).get("search");
    assertThat(data).isEqualTo(searchJson);
    assertThat(data.get("steps")).hasSize(5);
    assertThat(data.get("gates")).as("the per-request ttft<300ms clause is no gate").hasSize(1);
    JsonNode gate = data.get("gates").get(0);
    assertThat(gate.get("key").asText()).isEqualTo("p99_tpot_ms");
    assertThat(gate.get("threshold").asDouble()).isEqualTo(25.0);
    assertThat(data.get("steps").get(0).has("p99_tpot_ms")).isTrue();
  }

  @Test
  void aUserSimulationsRequestNamesBringTheByNameTableAndTheBenchmarkHasNone() throws Exception {
    RunRecorder recorder = run(false);
    ObjectNode benchmark = summaryJson(recorder, "simulated-llm");
    ObjectNode scenario = summaryJson(recorder, "simulated-llm");
    scenario.putObject("per_request_name").set("ask", summaryJson(recorder, "simulated-llm"));

    String benchmarkHtml = LlmHtmlReport.render(data(recorder, benchmark, List.of()));
    String scenarioHtml = LlmHtmlReport.render(data(recorder, scenario, List.of()));

    assertThat(benchmarkHtml).doesNotContain("id=\"names\"", "href=\"#names\"");
    assertThat(scenarioHtml).contains("id=\"names\"", "href=\"#names\"");
    assertThat(LlmPage.data(scenarioHtml).path("summary").path("per_request_name").has("ask"))
        .isTrue();
  }

  @Test
  void sloResultsInTheSummaryBringTheSloSection() throws Exception {
    RunRecorder recorder = run(false);
    ObjectNode summary = summaryJson(recorder, "simulated-llm");
    ObjectNode clause = summary.putArray("slo").addObject();
    clause.put("clause", "ttft.p95<500ms").put("actual", 61.2).put("pass", true);
    String html = LlmHtmlReport.render(data(recorder, summary, List.of()));

    assertThat(html).contains("id=\"slo\"", "href=\"#slo\"");
    assertThat(LlmPage.data(html).get("slo").get(0).get("clause").asText())
        .isEqualTo("ttft.p95<500ms");
  }

  @Test
  void textInTheDataCannotCloseItsScriptElement() throws Exception {
    String model = "</script><script>alert(1)</script>&{{data}}";
    RunRecorder recorder = run(false);
    String html = LlmHtmlReport.render(data(recorder, summaryJson(recorder, model), List.of()));

    assertThat(html).doesNotContain("<script>alert(1)");
    assertThat(LlmPage.data(html).get("summary").get("model_id").asText()).isEqualTo(model);
    assertThat(html).contains("<title>LLM report: &lt;/script&gt;");
  }

  private static ObjectNode level(double outputThroughput, double medianE2el, double p99E2el) {
    ObjectNode summary = JSON.createObjectNode();
    summary.put("output_throughput", outputThroughput);
    summary.put("request_throughput", outputThroughput / 16);
    summary.put("median_e2el_ms", medianE2el);
    summary.put("p99_e2el_ms", p99E2el);
    summary.put("median_ttft_ms", medianE2el / 4);
    summary.put("p99_ttft_ms", p99E2el / 4);
    summary.put("failed", 0);
    return summary;
  }

  private static long sum(JsonNode array) {
    long total = 0;
    for (JsonNode n : array) {
      total += n.asLong();
    }
    return total;
  }

  private static long sum(JsonNode array, String field) {
    long total = 0;
    for (JsonNode n : array) {
      total += n.get(field).asLong();
    }
    return total;
  }

  private static double valueAt(JsonNode percentiles, double percentile) {
    for (JsonNode p : percentiles) {
      if (p.get("percentile").asDouble() == percentile) {
        return p.get("valueMs").asDouble();
      }
    }
    throw new AssertionError("no p" + percentile);
  }
}
