package onlinebench.compare;

import java.util.Set;
import java.util.regex.Pattern;

/** Which way a summary.json figure gets better, or that it is not judged at all. */
public enum Direction {
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER,
  /** Describes the run (its size, its duration, the harness) rather than the server's speed. */
  INFORMATIONAL;

  private static final Pattern LATENCY =
      Pattern.compile("(mean|median|std|p90|p95|p99|min|max)_(e2el|ttft|tpot|itl)_ms");
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
    if (LOWER.contains(key) || key.startsWith("errors.") || LATENCY.matcher(key).matches()) {
      return LOWER_IS_BETTER;
    }
    return INFORMATIONAL;
  }
}
