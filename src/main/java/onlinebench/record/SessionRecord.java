package onlinebench.record;

/**
 * What happened to one session: one virtual user's journey of several turns (a conversation).
 *
 * @param startNanos when the session began, before its first turn ({@link System#nanoTime()})
 * @param endNanos when its last turn's answer was in (think time after it not included)
 * @param turns the requests it sent
 * @param failed true when any of its turns failed
 * @param toolCallTurns of its turns, how many the model answered with tool calls (an agent
 *     session's); 0 when it offered no tools
 */
public record SessionRecord(
    long startNanos, long endNanos, int turns, boolean failed, int toolCallTurns) {

  /** A session whose answers made no tool call: a conversation's. */
  public SessionRecord(long startNanos, long endNanos, int turns, boolean failed) {
    this(startNanos, endNanos, turns, failed, 0);
  }

  /** From the session's start to its last answer. */
  public long durationNanos() {
    return endNanos - startNanos;
  }
}
