package onlinebench.metrics;

import org.HdrHistogram.Histogram;

/**
 * The sums behind one turn index's figures ({@link TurnStats}), kept so several load generators'
 * add up exactly.
 *
 * @param turn the turn index, from 1
 * @param requests requests sent as this turn, succeeded or failed
 * @param ttftNanos TTFT of its successful streamed requests, ns; this value's own copy
 * @param e2elNanos E2E latency of its successful requests, ns; this value's own copy
 * @param promptTokens {@code usage.prompt_tokens} summed over its successful requests that had it
 * @param promptCount how many those were
 * @param cachedTokens cached prompt tokens summed over its successful requests that reported them
 * @param cachedCount how many those were
 */
public record TurnTotals(
    int turn,
    long requests,
    Histogram ttftNanos,
    Histogram e2elNanos,
    long promptTokens,
    long promptCount,
    long cachedTokens,
    long cachedCount) {

  /** Both parts of the same turn index together. */
  TurnTotals plus(TurnTotals o) {
    if (o.turn != turn) {
      throw new IllegalArgumentException("turn " + turn + " cannot add turn " + o.turn);
    }
    return new TurnTotals(
        turn,
        requests + o.requests,
        SessionTotals.sum(ttftNanos, o.ttftNanos),
        SessionTotals.sum(e2elNanos, o.e2elNanos),
        promptTokens + o.promptTokens,
        promptCount + o.promptCount,
        cachedTokens + o.cachedTokens,
        cachedCount + o.cachedCount);
  }

  /** The figures the summary reports. */
  TurnStats stats() {
    return new TurnStats(
        turn,
        requests,
        LatencyStats.ofNanos(ttftNanos),
        LatencyStats.ofNanos(e2elNanos),
        promptCount == 0 ? null : (double) promptTokens / promptCount,
        cachedCount == 0 ? null : (double) cachedTokens / cachedCount);
  }
}
