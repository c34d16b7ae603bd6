package onlinebench.slo;

import java.util.Optional;

/**
 * One clause of {@code -Dslo}, parsed. Latency thresholds are kept in milliseconds, shares in
 * percent, throughputs per second.
 *
 * @param text the clause as the user wrote it (trimmed)
 * @param quantity what it measures
 * @param stat the latency statistic gated on; empty for a per-request clause and for every
 *     non-latency quantity
 * @param comparison below or above
 * @param threshold the bound, in {@link Quantity#unit()}
 */
public record SloClause(
    String text,
    Quantity quantity,
    Optional<LatencyStat> stat,
    Comparison comparison,
    double threshold) {

  /**
   * True for a latency clause without a statistic ({@code ttft<500ms}): it is checked on every
   * request, defines which requests are good (goodput), and is not a gate on its own.
   */
  public boolean perRequest() {
    return quantity.latency() && stat.isEmpty();
  }

  /**
   * True when Gatling's own stats hold the metric, so the clause is also a Gatling assertion: the
   * request entry holds E2E latency and failures, the TTFT entry the time to first token (both in
   * whole milliseconds, failed requests included in the latencies).
   */
  public boolean heldByGatling() {
    return switch (quantity) {
      case E2EL, TTFT -> stat.isPresent();
      case ERROR_PERCENT, ERROR_COUNT -> true;
      default -> false;
    };
  }

  /** True when the clause passes or fails the run (every clause that is not per-request). */
  public boolean gate() {
    return !perRequest();
  }
}
