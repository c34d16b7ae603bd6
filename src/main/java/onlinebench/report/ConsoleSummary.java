package onlinebench.report;

import java.util.List;
import java.util.Locale;
import onlinebench.config.BenchConfig;
import onlinebench.config.StopOnErrors;
import onlinebench.metrics.HarnessCheck;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.RateStats;
import onlinebench.metrics.ReasoningStats;
import onlinebench.metrics.Summary;
import onlinebench.record.LatencyMetric;
import onlinebench.slo.SloEvaluation;

/**
 * Renders the final summary in the original tool's shape, then percentiles, streaming metrics,
 * errors by kind and the configuration.
 */
public final class ConsoleSummary {
  private ConsoleSummary() {}

  public static String render(Summary s, RunFacts run) {
    BenchConfig config = run.config();
    StringBuilder out = new StringBuilder();
    stoppedEarly(out, run);
    if (run.partial()) {
      line(
          out,
          "PARTIAL RUN: stopped before the end; %d requests were still in flight and are not"
              + " counted",
          s.unfinished());
    }
    line(
        out,
        "Requests (ok/err): %d/%d  %s  Elapsed: %.3fs",
        s.completed(),
        s.failed(),
        LoadSummary.level(config),
        s.durationSeconds());
    throughputAndLatencies(out, s, config.stream());
    LoadSummary.lines(s, config).forEach(l -> line(out, "%s", l));
    tokens(out, s);
    LengthReport.console(out, s, run);
    SessionReport.console(out, s);
    requestCounts(out, s, config.stream());
    harness(out, run);
    if (!config.slo().isEmpty()) {
      SloBlock.render(out, SloEvaluation.evaluate(config.slo(), s));
    }
    out.append("=== Benchmark Configuration ===\n");
    ConfigView.of(config, run.builtInSimulator()).forEach((k, v) -> line(out, "%s: %s", k, v));
    return out.toString();
  }

  /**
   * Throughputs, goodput and every latency: the lines after the requests line. Streaming-only
   * latencies are shown when {@code stream}.
   */
  static void throughputAndLatencies(StringBuilder out, Summary s, boolean stream) {
    line(out, "Req/s: %.2f", s.requestThroughput());
    line(out, "Generated tokens/s: %.2f", s.outputThroughput());
    line(out, "Total tokens/s (in+out): %.2f", s.totalTokenThroughput());
    if (s.goodput() != null) {
      line(out, "%s", SloBlock.goodput(s.goodput(), s.total()));
    }
    LatencyStats e2e = s.latency(LatencyMetric.E2EL);
    line(out, "p50 latency: %s", ms(e2e == null ? null : e2e.medianMs()));
    line(out, "p95 latency: %s", ms(e2e == null ? null : e2e.p95Ms()));
    line(out, "Avg latency: %s", ms(e2e == null ? null : e2e.meanMs()));
    line(out, "p90 latency: %s", ms(e2e == null ? null : e2e.p90Ms()));
    line(out, "p99 latency: %s", ms(e2e == null ? null : e2e.p99Ms()));
    // E2E has the seed script's lines above; every other latency one line of its own
    for (LatencyMetric metric : LatencyMetric.values()) {
      if (metric != LatencyMetric.E2EL && (stream || !metric.streamingOnly())) {
        latency(out, metric.label(), s.latency(metric));
      }
    }
    RateStats rate = s.requestOutputThroughput();
    if (rate != null) {
      line(
          out,
          "Per-request output tok/s: mean %.2f  median %.2f  p10 %.2f  p1 %.2f",
          rate.mean(),
          rate.median(),
          rate.p10(),
          rate.p1());
    }
  }

  /** The token totals, and the reasoning line when the model reasoned. */
  static void tokens(StringBuilder out, Summary s) {
    line(out, "Tokens (in/out): %d/%d", s.totalInputTokens(), s.totalOutputTokens());
    if (s.reasoning().any()) {
      line(out, "%s", reasoning(s.reasoning()));
    }
  }

  /** Errors by kind, missing usage, connection retries and how output tokens were counted. */
  static void requestCounts(StringBuilder out, Summary s, boolean stream) {
    line(out, "Errors: %s", ErrorCounts.describe(s.failed(), s.errors()));
    line(
        out,
        "Missing usage: %d of %d ok responses%s",
        s.missingUsage(),
        s.completed(),
        s.missingUsage() > 0 && !stream ? " (their tokens are not counted)" : "");
    line(
        out,
        "Connection retries: %d%s",
        s.connectionRetries(),
        s.connectionRetries() > 0
            ? " (sent once more on a fresh connection: the server closed a kept-alive one before"
                + " answering)"
            : "");
    if (s.usageChunkMismatches() > 0) {
      line(
          out,
          "Usage vs chunk count differ in %d of %d streams (%.1f%%): the server puts several tokens"
              + " in some chunks; token figures use usage",
          s.usageChunkMismatches(),
          s.completed(),
          100.0 * s.usageChunkMismatches() / Math.max(1, s.completed()));
    }
    if (s.estimatedOutputTokens() > 0) {
      line(
          out,
          "Output tokens counted from stream chunks (no usage) for %d requests",
          s.estimatedOutputTokens());
    }
  }

  /**
   * A sweep's summary: one table row per level (see {@link SweepReport}), the harness line and the
   * configuration; every level's full figures are in summary.json.
   */
  public static String renderSweep(List<SweepLevel> levels, RunFacts run) {
    StringBuilder out = new StringBuilder();
    stoppedEarly(out, run);
    if (run.partial()) {
      line(out, "PARTIAL RUN: stopped before the end; only the levels that started are shown");
    }
    if (levels.isEmpty()) {
      line(out, "No level sent a request");
    } else {
      out.append(SweepReport.table(levels));
    }
    harness(out, run);
    out.append("=== Benchmark Configuration ===\n");
    ConfigView.of(run.config(), run.builtInSimulator())
        .forEach((k, v) -> line(out, "%s: %s", k, v));
    return out.toString();
  }

  /** The first line of a run -DstopOnErrors stopped: CI logs show why before any figure. */
  private static void stoppedEarly(StringBuilder out, RunFacts run) {
    run.stoppedEarly()
        .ifPresent(
            reason ->
                line(
                    out,
                    "STOPPED EARLY (-DstopOnErrors=%s): %s; figures cover the requests sent until"
                        + " then",
                    run.config().stopOnErrors().map(StopOnErrors::text).orElse("?"),
                    reason));
  }

  private static void harness(StringBuilder out, RunFacts run) {
    harness(
        out,
        run.harness(),
        run.builtInSimulator() ? "harness and built-in simulator" : "harness",
        true);
  }

  /**
   * The harness line, and a warning line when it was a limit.
   *
   * @param who what the process's CPU share covers
   * @param turnaround whether users' turnaround was measured (the benchmark's users send again at
   *     once; a scenario's pauses are its own, so it is not)
   */
  static void harness(StringBuilder out, HarnessCheck h, String who, boolean turnaround) {
    line(
        out,
        "Harness: event-loop lag p99 %.2f ms (max %.2f)%s, CPU %.0f%% of %d cores (%s)%s",
        h.eventLoopLagP99Ms(),
        h.eventLoopLagMaxMs(),
        turnaround
            ? String.format(Locale.ROOT, ", user turnaround p99 %.2f ms", h.turnaroundP99Ms())
            : "",
        h.cpuShare() * 100,
        h.cores(),
        who,
        switch (h.verdict()) {
          case SATURATED -> "";
          case NOT_A_LIMIT -> ": not a limit";
          case TOO_SHORT_TO_JUDGE ->
              String.format(
                  Locale.ROOT,
                  ": too short to judge (%d event-loop samples, a verdict needs %d)",
                  h.lagSamples(),
                  HarnessCheck.MIN_LAG_SAMPLES);
        });
    if (h.saturated()) {
      line(
          out,
          "WARNING: the harness was a limit; these figures are bounded by the client, not the"
              + " server: %s",
          String.join("; ", h.saturationReasons()));
    }
  }

  /**
   * One line for a run whose model reasoned: how many tokens, where the count came from, and the
   * reasoning time (TTFO − TTFT per request) when streamed.
   */
  static String reasoning(ReasoningStats r) {
    String source =
        r.countedFromChunks() == 0
            ? "counted by the server"
            : String.format(
                Locale.ROOT,
                "%d of them counted from stream chunks: the server sent no reasoning_tokens",
                r.countedFromChunks());
    String time =
        r.time() == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; reasoning time (TTFO − TTFT, ms): mean %.2f  median %.2f  p99 %.2f",
                r.time().meanMs(),
                r.time().medianMs(),
                r.time().p99Ms());
    return String.format(
        Locale.ROOT,
        "Reasoning: %d tokens in %d requests (%s)%s",
        r.totalTokens(),
        r.requests(),
        source,
        time);
  }

  private static void latency(StringBuilder out, String name, LatencyStats stats) {
    if (stats == null) {
      line(out, "%s: n/a", name);
      return;
    }
    line(
        out,
        "%s (ms): mean %.2f  median %.2f  p90 %.2f  p95 %.2f  p99 %.2f  std %.2f  min %.2f  max %.2f",
        name,
        stats.meanMs(),
        stats.medianMs(),
        stats.p90Ms(),
        stats.p95Ms(),
        stats.p99Ms(),
        stats.stdMs(),
        stats.minMs(),
        stats.maxMs());
  }

  private static String ms(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f ms", value);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
