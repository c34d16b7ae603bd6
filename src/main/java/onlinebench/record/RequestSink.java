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

  /** A sink that hands everything to {@code first}, then to {@code second}. */
  static RequestSink both(RequestSink first, RequestSink second) {
    return new RequestSink() {
      @Override
      public void requestStarting(long startNanos) {
        first.requestStarting(startNanos);
        second.requestStarting(startNanos);
      }

      @Override
      public void record(RequestRecord request) {
        first.record(request);
        second.record(request);
      }

      @Override
      public void recordSession(SessionRecord session) {
        first.recordSession(session);
        second.recordSession(session);
      }
    };
  }
}
