package onlinebench.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.Tokenizer;
import onlinebench.metrics.Goodput;
import onlinebench.metrics.HarnessCheck;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.LengthStats;
import onlinebench.metrics.LoadStats;
import onlinebench.metrics.PrefixCacheTotals;
import onlinebench.metrics.RateStats;
import onlinebench.metrics.ReasoningStats;
import onlinebench.metrics.Summary;
import onlinebench.prompt.CalibrationFit;
import onlinebench.prompt.PromptSizing;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;

/** A fixed summary and config, so rendered output can be compared with golden files. */
public final class ReportFixtures {
  private ReportFixtures() {}

  static BenchConfig config(boolean stream) {
    return BenchConfigParser.parse(
        Map.of(
            "apiBase", "http://127.0.0.1:8000/v1",
            "model", "simulated-llm",
            "apiKey", "sk-secret-0123456789",
            "stream", Boolean.toString(stream)),
        Map.of());
  }

  /** A streaming config with {@code -Dslo}. */
  public static RunFacts factsWithSlo(String slo) {
    BenchConfig config =
        BenchConfigParser.parse(
            Map.of(
                "apiBase", "http://127.0.0.1:8000/v1",
                "model", "simulated-llm",
                "apiKey", "sk-secret-0123456789",
                "stream", "true",
                "slo", slo),
            Map.of());
    return facts(config, promptSizing());
  }

  /** The streaming summary with goodput: 1000 good requests of 1024. */
  public static Summary summaryWithGoodput() {
    Summary s = summary(true);
    return with(s, new Goodput(1000, 1000 / s.durationSeconds(), 1000 / 1024.0), LoadStats.NONE);
  }

  /**
   * Latency stats by metric, named pair by pair ({@code latencies(E2EL, e2e, TTFT, ttft)}), so that
   * a new metric or a reordered enum cannot shift them onto the wrong one; null ones left out.
   */
  static Map<LatencyMetric, LatencyStats> latencies(Object... metricThenStats) {
    Map<LatencyMetric, LatencyStats> each = new EnumMap<>(LatencyMetric.class);
    for (int i = 0; i < metricThenStats.length; i += 2) {
      if (metricThenStats[i + 1] != null) {
        each.put((LatencyMetric) metricThenStats[i], (LatencyStats) metricThenStats[i + 1]);
      }
    }
    return each;
  }

  /** {@code s} with other goodput and load figures. */
  static Summary with(Summary s, Goodput goodput, LoadStats load) {
    return with(s, s.reasoning(), goodput, load);
  }

  /** {@code s} with other reasoning figures. */
  static Summary with(Summary s, ReasoningStats reasoning) {
    return with(s, reasoning, s.goodput(), s.load());
  }

  private static Summary with(
      Summary s, ReasoningStats reasoning, Goodput goodput, LoadStats load) {
    return new Summary(
        s.durationSeconds(),
        s.completed(),
        s.failed(),
        s.totalInputTokens(),
        s.totalOutputTokens(),
        s.requestThroughput(),
        s.outputThroughput(),
        s.totalTokenThroughput(),
        s.latencies(),
        s.requestOutputThroughput(),
        s.errors(),
        s.missingUsage(),
        s.estimatedOutputTokens(),
        s.usageChunkMismatches(),
        0,
        s.unfinished(),
        s.lengths(),
        reasoning,
        goodput,
        s.prefixCache(),
        s.sessions(),
        load);
  }

  static RunFacts facts(boolean stream) {
    return facts(config(stream), promptSizing());
  }

  public static RunFacts facts(BenchConfig config, PromptSizing sizing) {
    return new RunFacts(config, false, false, harness(), sizing);
  }

  /** A harness that was not a limit. */
  public static HarnessCheck harness() {
    return new HarnessCheck(0.42, 3.1, 1200, 0.25, 0.35, 2, List.of());
  }

  /** The fixture's config with more properties. */
  public static BenchConfig config(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(more);
    all.put("apiBase", "http://127.0.0.1:8000/v1");
    all.put("model", "simulated-llm");
    return BenchConfigParser.parse(all, Map.of());
  }

  static PromptSizing promptSizing() {
    return new PromptSizing(
        Tokenizer.CL100K_BASE,
        OptionalDouble.of(1024),
        Optional.of(new CalibrationFit(1.0125, 19.5, 8)));
  }

  static LengthStats lengths(double meanOutput) {
    return new LengthStats(
        OptionalDouble.of(1024.0),
        OptionalLong.of(1019),
        OptionalLong.of(1030),
        OptionalDouble.of(1024.0),
        OptionalDouble.of(meanOutput));
  }

  public static Summary summary(boolean stream) {
    return summary(stream, lengths(1024.0));
  }

  static Summary summary(boolean stream, LengthStats lengths) {
    Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    for (ErrorKind kind : ErrorKind.values()) {
      errors.put(kind, 0L);
    }
    errors.put(ErrorKind.HTTP_5XX, 2L);
    errors.put(ErrorKind.TIMEOUT, 1L);
    LatencyStats e2e =
        new LatencyStats(
            1021, 893.4, 911.3, 120.5, 1200.0, 1284.2, 1400.7, 500.1, 1500.9, Double.NaN);
    LatencyStats ttft =
        stream
            ? new LatencyStats(
                1021, 201.5, 200.9, 3.2, 204.0, 205.5, 210.25, 199.9, 230.0, Double.NaN)
            : null;
    LatencyStats tpot =
        stream
            ? new LatencyStats(1021, 20.1, 20.05, 0.3, 20.4, 20.6, 21.0, 19.9, 22.0, Double.NaN)
            : null;
    LatencyStats itl =
        stream
            ? new LatencyStats(
                1021 * 1023, 20.1, 20.0, 0.9, 21.0, 21.5, 23.0, 18.0, 40.0, Double.NaN)
            : null;
    return new Summary(
        8.954,
        1021,
        3,
        1_045_504,
        1_045_504,
        114.03,
        116_763.9,
        233_527.8,
        // a model that does not reason first: its first answer token is its first token
        latencies(
            LatencyMetric.E2EL,
            e2e,
            LatencyMetric.TTFT,
            ttft,
            LatencyMetric.TTFO,
            ttft,
            LatencyMetric.TPOT,
            tpot,
            LatencyMetric.ITL,
            itl),
        new RateStats(1021, 1120.5, 1141.2, 980.3, 870.0, 700.1, 1300.7),
        errors,
        0,
        0,
        stream ? 12 : 0,
        0,
        0,
        lengths,
        ReasoningStats.NONE,
        null,
        PrefixCacheTotals.NONE,
        null,
        new LoadStats(e2e, ttft, null, 0, 0));
  }

  /**
   * A streamed success as requests.jsonl logs it: sent at 1000 ms, first token at 1200 ms, second
   * and last at 1300 ms, 12 prompt and 2 output tokens, HTTP 200, no server request id.
   */
  static RequestRecord streamedRequest() {
    long ms = 1_000_000;
    return RequestRecord.streamed(
        1_000 * ms, new long[] {1_200 * ms, 1_300 * ms}, OptionalLong.of(12), OptionalLong.of(2));
  }
}
