package onlinebench.metrics;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One latency's whole distribution, in milliseconds, for the HTML report: a percentile table and
 * counts in equal-width bins from the smallest to the largest value. Read from the same
 * HdrHistogram as {@link LatencyStats}, so shared percentiles are the same numbers.
 *
 * @param count how many values it holds; the bins' counts add up to it
 * @param percentiles the value at each of {@link #PERCENTILES}, in that order
 * @param bins bins covering min to max, the last one closed at max: equal-width, or when the
 *     largest value is {@value #LOG_SPREAD} times the smallest or more, equal in ratio
 *     (log-spaced), so a long tail does not squeeze the bulk of the values into the first bin
 * @param binScale {@code linear} or {@code log}
 */
public record LatencyDistribution(
    long count,
    double meanMs,
    double minMs,
    double maxMs,
    List<Percentile> percentiles,
    List<Bin> bins,
    String binScale) {

  /** The percentiles the table shows. */
  public static final double[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9};

  static final int BINS = 40;
  static final int LOG_SPREAD = 2;
  private static final double NANOS_PER_MS = 1e6;

  public LatencyDistribution {
    percentiles = List.copyOf(percentiles);
    bins = List.copyOf(bins);
  }

  /** A value at a percentile. */
  public record Percentile(double percentile, double valueMs) {}

  /** How many values fell in {@code [fromMs, toMs)}. */
  public record Bin(double fromMs, double toMs, long count) {}

  /** Reads a histogram of nanoseconds; null when it is empty, since no distribution exists then. */
  static LatencyDistribution ofNanos(Histogram nanos) {
    if (nanos.getTotalCount() == 0) {
      return null;
    }
    List<Percentile> table = new ArrayList<>();
    for (double p : PERCENTILES) {
      table.add(new Percentile(p, nanos.getValueAtPercentile(p) / NANOS_PER_MS));
    }
    return new LatencyDistribution(
        nanos.getTotalCount(),
        nanos.getMean() / NANOS_PER_MS,
        nanos.getMinValue() / NANOS_PER_MS,
        nanos.getMaxValue() / NANOS_PER_MS,
        table,
        logSpaced(nanos) ? logBins(nanos) : linearBins(nanos),
        logSpaced(nanos) ? "log" : "linear");
  }

  private static boolean logSpaced(Histogram nanos) {
    return nanos.getMinValue() > 0 && nanos.getMaxValue() >= LOG_SPREAD * nanos.getMinValue();
  }

  private static List<Bin> logBins(Histogram nanos) {
    double min = nanos.getMinValue();
    double max = nanos.getMaxValue();
    double logSpan = Math.log(max / min);
    long[] counts = new long[BINS];
    nanos
        .recordedValues()
        .forEach(
            v -> {
              double position = Math.log(v.getValueIteratedTo() / min) / logSpan;
              int bin = (int) Math.min(BINS - 1, Math.max(0, Math.floor(position * BINS)));
              counts[bin] += v.getCountAtValueIteratedTo();
            });
    List<Bin> bins = new ArrayList<>(BINS);
    for (int i = 0; i < BINS; i++) {
      double from = min * Math.exp(logSpan * i / BINS);
      double to = min * Math.exp(logSpan * (i + 1) / BINS);
      bins.add(new Bin(from / NANOS_PER_MS, to / NANOS_PER_MS, counts[i]));
    }
    return bins;
  }

  private static List<Bin> linearBins(Histogram nanos) {
    long min = nanos.getMinValue();
    long max = nanos.getMaxValue();
    // one bin when every value is the same at HdrHistogram's precision
    int n = nanos.valuesAreEquivalent(min, max) ? 1 : BINS;
    long width = (max - min) / n + 1;
    long[] counts = new long[n];
    // every recorded value with its count, at HdrHistogram's precision (0.1 %)
    nanos
        .recordedValues()
        .forEach(
            v -> {
              long value = v.getValueIteratedTo();
              int bin = (int) Math.min(n - 1, Math.max(0, (value - min) / width));
              counts[bin] += v.getCountAtValueIteratedTo();
            });
    List<Bin> bins = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      bins.add(
          new Bin(
              (min + i * width) / NANOS_PER_MS, (min + (i + 1) * width) / NANOS_PER_MS, counts[i]));
    }
    return bins;
  }
}
