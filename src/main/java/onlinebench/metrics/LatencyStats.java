package onlinebench.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import onlinebench.record.LatencyMetric;
import org.HdrHistogram.Histogram;

/**
 * The distribution of one latency, in milliseconds, as vLLM reports it.
 *
 * @param count how many values it summarises
 * @param p999Ms the 99.9th percentile (not in vLLM's output; for SLO clauses); NaN when unknown
 */
public record LatencyStats(
    long count,
    double meanMs,
    double medianMs,
    double stdMs,
    double p90Ms,
    double p95Ms,
    double p99Ms,
    double minMs,
    double maxMs,
    double p999Ms) {

  private static final double NANOS_PER_MS = 1e6;

  /**
   * The statistics summary.json, summary.csv and compare write for every latency, in their order:
   * each key's name ({@code p99} in {@code p99_ttft_ms}) and how it is read.
   */
  public static final Map<String, ToDoubleFunction<LatencyStats>> JSON_STATS = jsonStats();

  private static Map<String, ToDoubleFunction<LatencyStats>> jsonStats() {
    Map<String, ToDoubleFunction<LatencyStats>> stats = new LinkedHashMap<>();
    stats.put("mean", LatencyStats::meanMs);
    stats.put("median", LatencyStats::medianMs);
    stats.put("std", LatencyStats::stdMs);
    stats.put("p90", LatencyStats::p90Ms);
    stats.put("p95", LatencyStats::p95Ms);
    stats.put("p99", LatencyStats::p99Ms);
    stats.put("min", LatencyStats::minMs);
    stats.put("max", LatencyStats::maxMs);
    return Collections.unmodifiableMap(stats);
  }

  /**
   * The key of one statistic of one latency in summary.json, e.g. {@code p99_ttft_ms}.
   *
   * @param name a {@link LatencyMetric#key()}, or another latency's name ({@code send_lag})
   */
  public static String jsonKey(String stat, String name) {
    return stat + "_" + name + "_ms";
  }

  /** Every metric's stats from its histogram of nanoseconds; metrics without values left out. */
  static Map<LatencyMetric, LatencyStats> ofEach(Map<LatencyMetric, Histogram> nanos) {
    Map<LatencyMetric, LatencyStats> each = new EnumMap<>(LatencyMetric.class);
    nanos.forEach(
        (metric, histogram) -> {
          LatencyStats stats = ofNanos(histogram);
          if (stats != null) {
            each.put(metric, stats);
          }
        });
    return each;
  }

  /** Reads a histogram of nanoseconds; null when it is empty, since no figure exists then. */
  static LatencyStats ofNanos(Histogram nanos) {
    if (nanos.getTotalCount() == 0) {
      return null;
    }
    return new LatencyStats(
        nanos.getTotalCount(),
        nanos.getMean() / NANOS_PER_MS,
        ms(nanos, 50),
        nanos.getStdDeviation() / NANOS_PER_MS,
        ms(nanos, 90),
        ms(nanos, 95),
        ms(nanos, 99),
        nanos.getMinValue() / NANOS_PER_MS,
        nanos.getMaxValue() / NANOS_PER_MS,
        ms(nanos, 99.9));
  }

  private static double ms(Histogram nanos, double percentile) {
    return nanos.getValueAtPercentile(percentile) / NANOS_PER_MS;
  }
}
