package onlinebench.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The sums behind {@link SessionStats}: ended sessions and every turn index's requests, kept so
 * several load generators' add up exactly.
 *
 * @param completed sessions whose every turn succeeded
 * @param failed sessions with at least one failed turn
 * @param turns requests sent by ended sessions
 * @param durationNanos each ended session's duration, ns; this value's own copy
 * @param perTurn one entry per turn index seen, in order
 * @param toolCallTurns turns of ended sessions answered with tool calls
 */
public record SessionTotals(
    long completed,
    long failed,
    long turns,
    Histogram durationNanos,
    List<TurnTotals> perTurn,
    long toolCallTurns) {

  public SessionTotals {
    perTurn = List.copyOf(perTurn);
  }

  /** No session and no turn. */
  public static SessionTotals none() {
    return new SessionTotals(0, 0, 0, new Histogram(RecorderState.DIGITS), List.of(), 0);
  }

  /** True when the run had sessions: one ended, or a request was a session's turn. */
  public boolean any() {
    return completed + failed > 0 || !perTurn.isEmpty();
  }

  /** Both parts together: counts summed, distributions added, turn indexes matched. */
  public SessionTotals plus(SessionTotals o) {
    Map<Integer, TurnTotals> byTurn = new TreeMap<>();
    for (TurnTotals t : perTurn) {
      byTurn.put(t.turn(), t);
    }
    for (TurnTotals t : o.perTurn) {
      byTurn.merge(t.turn(), t, TurnTotals::plus);
    }
    return new SessionTotals(
        completed + o.completed,
        failed + o.failed,
        turns + o.turns,
        sum(durationNanos, o.durationNanos),
        new ArrayList<>(byTurn.values()),
        toolCallTurns + o.toolCallTurns);
  }

  /** The figures the summary reports; null for a run without sessions. */
  public @Nullable SessionStats stats() {
    if (!any()) {
      return null;
    }
    long ended = completed + failed;
    return new SessionStats(
        completed,
        failed,
        ended == 0 ? Double.NaN : (double) turns / ended,
        LatencyStats.ofNanos(durationNanos),
        perTurn.stream().map(TurnTotals::stats).toList(),
        toolCallTurns);
  }

  static Histogram sum(Histogram a, Histogram b) {
    Histogram all = new Histogram(RecorderState.DIGITS); // auto-resizing
    all.add(a);
    all.add(b);
    return all;
  }
}
