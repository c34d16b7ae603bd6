package onlinebench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.NamedRecorders;
import onlinebench.metrics.RunRecorder;
import onlinebench.metrics.Summary;
import onlinebench.record.LatencyMetric;
import onlinebench.report.html.LlmHtmlReport;
import onlinebench.report.html.LlmReportData;
import onlinebench.slo.SloEvaluation;

/**
 * The outputs of a user-written Simulation's chat requests: summary.json (the whole run's figures
 * under the benchmark's keys, then {@code per_request_name} with each request name's), summary.csv,
 * histograms.json, llm.html and the console summary with one line per request name. The same blocks
 * as the benchmark's ({@link SummaryJson}, {@link ConsoleSummary}); only what describes the
 * benchmark's own load (load model, prompt sizing, its configuration) is left out.
 */
public final class ScenarioReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the harness line's CPU share covers: Gatling's whole process, scenario steps and all. */
  private static final String HARNESS = "the Gatling process";

  private ScenarioReport() {}

  /** summary.json's content. */
  public static ObjectNode json(
      Summary all, Map<String, Summary> byName, ScenarioFacts facts, Instant finishedAt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("date", finishedAt.toString());
    root.put("backend", "openai-chat");
    root.put("model_id", facts.modelId());
    root.put("users", facts.users());
    root.put("duration", all.durationSeconds());
    root.put("partial", facts.partial());
    SummaryJson.requestFigures(root, all);
    SessionReport.json(root, all);
    LengthReport.measuredJson(root, all);
    SummaryJson.harness(root, facts.harness(), false);
    SummaryJson.requestCounts(root, all);
    root.set("slo", SummaryJson.slo(facts.slo(), all, false));
    ObjectNode names = root.putObject("per_request_name");
    byName.forEach((name, s) -> names.set(name, nameJson(s)));
    root.set("config", JSON.valueToTree(facts.config()));
    return root;
  }

  /** One request name's figures: the root's request keys; sessions belong to the whole run. */
  private static ObjectNode nameJson(Summary s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("duration", s.durationSeconds());
    SummaryJson.requestFigures(node, s);
    SessionReport.cacheJson(node, s);
    LengthReport.measuredJson(node, s);
    SummaryJson.requestCounts(node, s);
    return node;
  }

  /** The console summary: the whole run's figures, one line per request name, the SLOs. */
  public static String console(Summary all, Map<String, Summary> byName, ScenarioFacts facts) {
    // streaming-only latencies are shown when any request streamed
    boolean streamed = all.latency(LatencyMetric.TTFT) != null;
    StringBuilder out = new StringBuilder("=== LLM figures: every chat request of the run ===\n");
    if (facts.partial()) {
      line(
          out,
          "PARTIAL RUN: stopped while users were still running; %d requests were in flight and"
              + " are not counted",
          all.unfinished());
    }
    line(
        out,
        "Requests (ok/err): %d/%d  %d virtual users  Elapsed: %.3fs",
        all.completed(),
        all.failed(),
        facts.users(),
        all.durationSeconds());
    ConsoleSummary.throughputAndLatencies(out, all, streamed);
    ConsoleSummary.tokens(out, all);
    SessionReport.console(out, all);
    ConsoleSummary.requestCounts(out, all, streamed);
    ConsoleSummary.harness(out, facts.harness(), HARNESS, false);
    out.append("=== Per request name ===\n");
    int width = byName.keySet().stream().mapToInt(String::length).max().orElse(0);
    byName.forEach((name, s) -> out.append(nameLine(name, width, s)).append('\n'));
    if (!facts.slo().isEmpty()) {
      SloBlock.render(out, SloEvaluation.evaluate(facts.slo(), all), false);
    }
    out.append("=== LLM protocol ===\n");
    facts.config().forEach((k, v) -> line(out, "%s: %s", k, v));
    return out.toString();
  }

  /** One request name's line: counts, throughputs, TTFT and E2E percentiles, tokens. */
  static String nameLine(String name, int width, Summary s) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-" + Math.max(1, width) + "s  ok/err %d/%d  %.2f req/s  %.1f output tok/s",
                name,
                s.completed(),
                s.failed(),
                s.requestThroughput(),
                s.outputThroughput()));
    for (LatencyMetric metric : List.of(LatencyMetric.TTFT, LatencyMetric.E2EL)) {
      LatencyStats stats = s.latency(metric);
      if (stats != null) {
        line.append(
            String.format(
                Locale.ROOT,
                "  %s p50 %.2f p99 %.2f ms",
                metric.label(),
                stats.medianMs(),
                stats.p99Ms()));
      }
    }
    line.append(
        String.format(
            Locale.ROOT, "  tokens in/out %d/%d", s.totalInputTokens(), s.totalOutputTokens()));
    if (s.failed() > 0) {
      line.append("  errors: ").append(ErrorCounts.describe(s.failed(), s.errors()));
    }
    return line.toString();
  }

  /**
   * Writes summary.json, summary.csv, histograms.json and llm.html into Gatling's run folder, one
   * console line per file; a file that cannot be written costs one line, never the others.
   *
   * @param recorder the whole run's recorder: llm.html draws its time series and distributions
   * @param state the whole run's and each request name's histograms, for the merge
   */
  public static void write(
      Path folder,
      ObjectNode json,
      RunRecorder recorder,
      NamedRecorders.Snapshot state,
      PrintStream out) {
    SummaryFiles.write(folder, json, state, out);
    OutputFile.write(
        out,
        "LLM report",
        "llm.html",
        folder,
        () ->
            LlmHtmlReport.write(
                folder,
                LlmReportData.of(
                    json, recorder.timeSeries(), recorder.distributions(), List.of())));
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
