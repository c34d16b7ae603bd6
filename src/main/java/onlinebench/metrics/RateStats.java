package onlinebench.metrics;

import org.HdrHistogram.Histogram;

/**
 * The distribution of a per-request rate, such as one request's output tokens per second. Low
 * percentiles are the slow tail here, so p10 and p1 are reported rather than p90 and p99.
 *
 * @param count how many requests it summarises
 */
public record RateStats(
    long count, double mean, double median, double p10, double p1, double min, double max) {

  /** Rates are recorded in thousandths, so a histogram of longs keeps three decimals. */
  static final double SCALE = 1000.0;

  /** Reads a histogram of rates × {@link #SCALE}; null when empty. */
  static RateStats ofScaled(Histogram scaled) {
    if (scaled.getTotalCount() == 0) {
      return null;
    }
    return new RateStats(
        scaled.getTotalCount(),
        scaled.getMean() / SCALE,
        scaled.getValueAtPercentile(50) / SCALE,
        scaled.getValueAtPercentile(10) / SCALE,
        scaled.getValueAtPercentile(1) / SCALE,
        scaled.getMinValue() / SCALE,
        scaled.getMaxValue() / SCALE);
  }
}
