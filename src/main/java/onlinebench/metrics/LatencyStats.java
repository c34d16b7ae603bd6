package onlinebench.metrics;

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

  /** Without the 99.9th percentile (NaN), as before it was kept. */
  public LatencyStats(
      long count,
      double meanMs,
      double medianMs,
      double stdMs,
      double p90Ms,
      double p95Ms,
      double p99Ms,
      double minMs,
      double maxMs) {
    this(count, meanMs, medianMs, stdMs, p90Ms, p95Ms, p99Ms, minMs, maxMs, Double.NaN);
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
