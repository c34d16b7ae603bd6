package onlinebench.compare;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import onlinebench.metrics.LatencyStats;
import onlinebench.record.LatencyMetric;

/** Which way a summary.json figure gets better, or that it is not judged at all. */
public enum Direction {
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER,
  /** Describes the run (its size, its duration, the harness) rather than the server's speed. */
  INFORMATIONAL;

  private static final Set<String> LATENCY_KEYS = latencyKeys();
  private static final Pattern REQUEST_RATE =
      Pattern.compile("(mean|median|p10|p1)_request_output_throughput");
  private static final Set<String> HIGHER =
      Set.of(
          "request_throughput",
          "output_throughput",
          "total_token_throughput",
          "request_goodput",
          "good_request_fraction");
  private static final Set<String> LOWER = Set.of("failed", "missing_usage", "unfinished");

  /**
   * The direction of a flattened summary.json key, e.g. {@code p99_ttft_ms} or {@code
   * errors.timeout}.
   */
  public static Direction of(String key) {
    if (HIGHER.contains(key) || REQUEST_RATE.matcher(key).matches()) {
      return HIGHER_IS_BETTER;
    }
    if (LOWER.contains(key) || key.startsWith("errors.") || LATENCY_KEYS.contains(key)) {
      return LOWER_IS_BETTER;
    }
    return INFORMATIONAL;
  }

  /** Every latency statistic's key in summary.json: all better lower. */
  private static Set<String> latencyKeys() {
    Set<String> keys = new HashSet<>();
    for (LatencyMetric metric : LatencyMetric.values()) {
      LatencyStats.JSON_STATS
          .keySet()
          .forEach(stat -> keys.add(LatencyStats.jsonKey(stat, metric.key())));
    }
    return Set.copyOf(keys);
  }
}
