package onlinebench.record;

/**
 * Receives measured requests: when each is sent, and its record when it finishes; and, in a session
 * workload, each session once it ends.
 */
public interface RequestSink {
  /** A measured request is about to be sent at {@code startNanos}. */
  void requestStarting(long startNanos);

  /** A measured request finished, succeeded or failed. */
  void record(RequestRecord request);

  /** A session ended, after its last turn's record; sinks without sessions ignore it. */
  default void recordSession(SessionRecord session) {}
}
