package onlinebench.record;

/**
 * What happened to one session: one virtual user's journey of several turns (a conversation).
 *
 * @param startNanos when the session began, before its first turn ({@link System#nanoTime()})
 * @param endNanos when its last turn's answer was in (think time after it not included)
 * @param turns the requests it sent
 * @param failed true when any of its turns failed
 */
public record SessionRecord(long startNanos, long endNanos, int turns, boolean failed) {

  /** From the session's start to its last answer. */
  public long durationNanos() {
    return endNanos - startNanos;
  }
}
