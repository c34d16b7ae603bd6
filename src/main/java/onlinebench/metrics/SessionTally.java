package onlinebench.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import onlinebench.record.RequestRecord;
import onlinebench.record.SessionRecord;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts a session workload as it runs: ended sessions, and every request by its turn index. Safe
 * to record into from many event loops at once; memory grows with the number of turn indexes, not
 * with requests or sessions.
 */
final class SessionTally {
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder turns = new LongAdder();
  private final LongAdder toolCallTurns = new LongAdder();
  private final Histogram duration = new ConcurrentHistogram(RecorderState.DIGITS);
  private final ConcurrentMap<Integer, Turn> perTurn = new ConcurrentHashMap<>();

  /** One turn index's running sums. */
  private static final class Turn {
    final LongAdder requests = new LongAdder();
    final Histogram ttft = new ConcurrentHistogram(RecorderState.DIGITS);
    final Histogram e2el = new ConcurrentHistogram(RecorderState.DIGITS);
    final LongAdder promptTokens = new LongAdder();
    final LongAdder promptCount = new LongAdder();
    final LongAdder cachedTokens = new LongAdder();
    final LongAdder cachedCount = new LongAdder();

    TurnTotals totals(int index) {
      return new TurnTotals(
          index,
          requests.sum(),
          ttft.copy(),
          e2el.copy(),
          promptTokens.sum(),
          promptCount.sum(),
          cachedTokens.sum(),
          cachedCount.sum());
    }
  }

  /** A request that was a session's turn; requests outside sessions are not counted here. */
  void record(RequestRecord request) {
    if (request.turn() == 0) {
      return;
    }
    Turn turn = perTurn.computeIfAbsent(request.turn(), k -> new Turn());
    turn.requests.increment();
    if (!request.ok()) {
      return;
    }
    turn.e2el.recordValue(Math.max(0, request.e2eNanos()));
    request.timeToFirstTokenNanos().ifPresent(t -> turn.ttft.recordValue(Math.max(0, t)));
    request
        .promptTokens()
        .ifPresent(
            p -> {
              turn.promptTokens.add(p);
              turn.promptCount.increment();
            });
    request
        .cachedTokens()
        .ifPresent(
            c -> {
              turn.cachedTokens.add(c);
              turn.cachedCount.increment();
            });
  }

  void record(SessionRecord session) {
    (session.failed() ? failed : completed).increment();
    turns.add(session.turns());
    toolCallTurns.add(session.toolCallTurns());
    duration.recordValue(Math.max(0, session.durationNanos()));
  }

  SessionTotals totals() {
    List<TurnTotals> turnTotals =
        perTurn.entrySet().stream()
            .sorted(java.util.Map.Entry.comparingByKey())
            .map(e -> e.getValue().totals(e.getKey()))
            .toList();
    return new SessionTotals(
        completed.sum(),
        failed.sum(),
        turns.sum(),
        duration.copy(),
        turnTotals,
        toolCallTurns.sum());
  }
}
