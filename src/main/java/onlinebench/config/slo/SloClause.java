package onlinebench.config.slo;

import java.util.Optional;
import onlinebench.record.LatencyMetric;

/**
 * One clause of {@code -Dslo}, parsed. Latency thresholds are kept in milliseconds, shares in
 * percent, throughputs per second.
 *
 * @param text the clause as the user wrote it (trimmed)
 * @param quantity what it measures
 * @param latency which latency, for a {@link Quantity#LATENCY} clause; empty otherwise
 * @param stat the latency statistic gated on; empty for a per-request clause and for every
 *     non-latency quantity
 * @param comparison below or above
 * @param threshold the bound, in {@link Quantity#unit()}
 */
public record SloClause(
    String text,
    Quantity quantity,
    Optional<LatencyMetric> latency,
    Optional<LatencyStat> stat,
    Comparison comparison,
    double threshold) {

  public SloClause {
    if ((quantity == Quantity.LATENCY) != latency.isPresent()) {
      throw new IllegalArgumentException(
          "a latency clause names its metric, and only a latency clause does: " + text);
    }
  }

  /** A clause on a latency; empty {@code stat} makes it per-request. */
  public static SloClause latency(
      String text,
      LatencyMetric metric,
      Optional<LatencyStat> stat,
      Comparison comparison,
      double thresholdMs) {
    return new SloClause(
        text, Quantity.LATENCY, Optional.of(metric), stat, comparison, thresholdMs);
  }

  /** A clause on anything but a latency. */
  public static SloClause of(
      String text, Quantity quantity, Comparison comparison, double threshold) {
    return new SloClause(text, quantity, Optional.empty(), Optional.empty(), comparison, threshold);
  }

  /** The metric's name in the clause and in summary.json, e.g. {@code ttft} or {@code errors}. */
  public String metricName() {
    return latency.map(LatencyMetric::key).orElseGet(quantity::metricName);
  }

  /**
   * True for a latency clause without a statistic ({@code ttft<500ms}): it is checked on every
   * request, defines which requests are good (goodput), and is not a gate on its own.
   */
  public boolean perRequest() {
    return latency.isPresent() && stat.isEmpty();
  }

  /**
   * True when Gatling's own stats hold the metric, so the clause is also a Gatling assertion: the
   * request entry holds E2E latency and failures, the TTFT entry the time to first token (both in
   * whole milliseconds, failed requests included in the latencies).
   */
  public boolean heldByGatling() {
    return switch (quantity) {
      case LATENCY ->
          stat.isPresent()
              && (latency.get() == LatencyMetric.E2EL || latency.get() == LatencyMetric.TTFT);
      case ERROR_PERCENT, ERROR_COUNT -> true;
      default -> false;
    };
  }

  /** True when the clause passes or fails the run (every clause that is not per-request). */
  public boolean gate() {
    return !perRequest();
  }
}
