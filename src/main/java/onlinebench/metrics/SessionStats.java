package onlinebench.metrics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A session workload's figures: sessions as the unit, and every request by its turn index.
 *
 * @param completed sessions whose every turn succeeded
 * @param failed sessions with at least one failed turn
 * @param meanTurns requests per ended session; NaN when none ended
 * @param duration from a session's start to its last answer, over ended sessions; null when none
 *     ended
 * @param perTurn one entry per turn index, in order from turn 1
 * @param toolCallTurns turns of ended sessions the model answered with tool calls (an agent
 *     workload's); 0 when no tool call was made
 */
public record SessionStats(
    long completed,
    long failed,
    double meanTurns,
    @Nullable LatencyStats duration,
    List<TurnStats> perTurn,
    long toolCallTurns) {

  public SessionStats {
    perTurn = List.copyOf(perTurn);
  }

  /** Sessions that ended, completed or failed. */
  public long ended() {
    return completed + failed;
  }
}
