package onlinebench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import onlinebench.config.BenchConfig;
import onlinebench.config.slo.LatencyStat;
import onlinebench.config.slo.SloClause;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.Goodput;
import onlinebench.metrics.HarnessCheck;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.RateStats;
import onlinebench.metrics.Summary;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import onlinebench.slo.SloEvaluation;
import onlinebench.slo.SloReport;
import onlinebench.slo.SloResult;

/**
 * summary.json: every figure under vLLM's {@code bench serve} key names where the metric is the
 * same (so existing tooling reads it), then ours: {@code errors}, {@code missing_usage}, {@code
 * config}.
 */
public final class SummaryJson {
  /** The file name, written in Gatling's run folder. */
  public static final String FILE_NAME = "summary.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryJson() {}

  public static ObjectNode toJson(Summary s, RunFacts run, Instant finishedAt) {
    BenchConfig config = run.config();
    ObjectNode root = JSON.createObjectNode();
    root.put("date", finishedAt.toString());
    root.put("backend", "openai-chat");
    root.put("model_id", config.model());
    if (config.workload().sessions().isPresent()) {
      root.putNull("num_prompts"); // sized in sessions: see sessions and per_turn
    } else {
      root.put("num_prompts", config.totalRequests());
    }
    LoadJson.header(root, config);
    root.put("duration", s.durationSeconds());
    root.put("partial", run.partial());
    root.put("stopped_early", run.stoppedEarly().isPresent());
    root.put("stop_reason", run.stoppedEarly().orElse(null));
    requestFigures(root, s);
    SessionReport.json(root, s);
    LengthReport.json(root, s, run);
    harness(root, run.harness(), true);
    requestCounts(root, s);
    root.set("slo", slo(config.slo(), s, true));
    root.set("config", JSON.valueToTree(ConfigView.of(config, run.builtInSimulator())));
    return root;
  }

  /**
   * {@code harness_saturated} (null, not false, when the run was too short to tell) and the {@code
   * harness} block.
   *
   * @param turnaround whether users' turnaround was measured; null in the block when not
   */
  static void harness(ObjectNode root, HarnessCheck h, boolean turnaround) {
    if (h.verdict() == HarnessCheck.Verdict.TOO_SHORT_TO_JUDGE) {
      root.putNull("harness_saturated");
    } else {
      root.put("harness_saturated", h.saturated());
    }
    ObjectNode harness = root.putObject("harness");
    harness.put("verdict", h.verdict().key());
    harness.put("lag_samples", h.lagSamples());
    harness.put("event_loop_lag_p99_ms", h.eventLoopLagP99Ms());
    harness.put("event_loop_lag_max_ms", h.eventLoopLagMaxMs());
    if (turnaround) {
      harness.put("turnaround_p99_ms", h.turnaroundP99Ms());
    } else {
      harness.putNull("turnaround_p99_ms");
    }
    harness.put("cpu_share", h.cpuShare());
    harness.put("cores", h.cores());
    harness.set("saturation_reasons", JSON.valueToTree(h.saturationReasons()));
  }

  /**
   * The figures of the requests themselves, whatever drove them: counts, tokens, throughputs,
   * goodput, every latency, errors by kind, missing usage and connection retries. summary.json's
   * keys from {@code unfinished} to {@code connection_retries}, in that order.
   */
  public static void requestFigures(ObjectNode root, Summary s) {
    root.put("unfinished", s.unfinished());
    root.put("completed", s.completed());
    root.put("failed", s.failed());
    root.put("total_input_tokens", s.totalInputTokens());
    root.put("total_output_tokens", s.totalOutputTokens());
    root.put("total_reasoning_tokens", s.reasoning().totalTokens());
    root.put("request_throughput", s.requestThroughput());
    root.put("output_throughput", s.outputThroughput());
    root.put("total_token_throughput", s.totalTokenThroughput());
    Goodput goodput = s.goodput();
    put(root, "request_goodput", goodput == null ? null : goodput.requestGoodput());
    put(root, "good_request_fraction", goodput == null ? null : goodput.goodFraction());
    if (goodput == null) {
      root.putNull("good_requests");
    } else {
      root.put("good_requests", goodput.goodRequests());
    }
    for (LatencyMetric metric : LatencyMetric.values()) {
      latency(root, metric.key(), s.latency(metric));
    }
    latency(root, "e2el_from_intended", s.load().e2elFromIntended());
    latency(root, "ttft_from_intended", s.load().ttftFromIntended());
    latency(root, "send_lag", s.load().sendLag());
    latency(root, "reasoning_time", s.reasoning().time());
    root.put("in_flight_at_end", s.load().inFlightAtEnd());
    root.put("pool_limited_requests", s.load().lateTickets());
    RateStats rate = s.requestOutputThroughput();
    put(root, "mean_request_output_throughput", rate == null ? null : rate.mean());
    put(root, "median_request_output_throughput", rate == null ? null : rate.median());
    put(root, "p10_request_output_throughput", rate == null ? null : rate.p10());
    put(root, "p1_request_output_throughput", rate == null ? null : rate.p1());
    ObjectNode errors = root.putObject("errors");
    for (ErrorKind kind : ErrorKind.values()) {
      errors.put(kind.key(), s.errors().getOrDefault(kind, 0L));
    }
    root.put("missing_usage", s.missingUsage());
    root.put("connection_retries", s.connectionRetries());
  }

  /**
   * How the token counts were obtained: streams counted from chunks, usage disagreeing with chunks,
   * reasoning requests. summary.json's keys {@code estimated_output_token_requests} to {@code
   * reasoning_tokens_counted_from_chunks}.
   */
  public static void requestCounts(ObjectNode root, Summary s) {
    root.put("estimated_output_token_requests", s.estimatedOutputTokens());
    root.put("usage_chunk_mismatch_requests", s.usageChunkMismatches());
    root.put("reasoning_requests", s.reasoning().requests());
    root.put("reasoning_tokens_counted_from_chunks", s.reasoning().countedFromChunks());
  }

  /**
   * summary.json's {@code slo}: every clause's verdict on {@code s}; null without SLOs.
   *
   * @param gatlingAssertions whether the run made Gatling assertions of the clauses Gatling can
   *     hold, as the benchmark does ({@code gatling_assertion})
   */
  public static ObjectNode slo(SloSet slo, Summary s, boolean gatlingAssertions) {
    return slo.isEmpty() ? null : slo(SloEvaluation.evaluate(slo, s), gatlingAssertions);
  }

  /** Writes summary.json into {@code folder} and returns its path. */
  public static Path write(Path folder, ObjectNode json) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    Files.write(file, JSON.writeValueAsBytes(json));
    return file;
  }

  private static ObjectNode slo(SloReport report, boolean gatlingAssertions) {
    ObjectNode slo = JSON.createObjectNode();
    slo.put("passed", report.allPassed());
    ArrayNode clauses = slo.putArray("clauses");
    for (SloResult r : report.results()) {
      SloClause c = r.clause();
      ObjectNode clause = clauses.addObject();
      clause.put("clause", c.text());
      clause.put("metric", c.metricName());
      clause.put("stat", c.stat().map(LatencyStat::text).orElse(null));
      clause.put("comparison", c.comparison().symbol());
      clause.put("threshold", c.threshold());
      clause.put("unit", c.quantity().unit());
      put(clause, "measured", Double.isNaN(r.measured()) ? null : r.measured());
      clause.put("verdict", r.verdict().name());
      clause.put("gatling_assertion", gatlingAssertions && c.heldByGatling());
    }
    return slo;
  }

  private static void latency(ObjectNode root, String metric, LatencyStats stats) {
    LatencyStats.JSON_STATS.forEach(
        (stat, read) ->
            put(
                root,
                LatencyStats.jsonKey(stat, metric),
                stats == null ? null : read.applyAsDouble(stats)));
  }

  private static void put(ObjectNode root, String key, Double value) {
    if (value == null) {
      root.putNull(key);
    } else {
      root.put(key, value);
    }
  }
}
