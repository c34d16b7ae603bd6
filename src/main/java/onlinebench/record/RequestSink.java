package onlinebench.record;

/** Receives measured requests: when each is sent, and its record when it finishes. */
public interface RequestSink {
  /** A measured request is about to be sent at {@code startNanos}. */
  void requestStarting(long startNanos);

  /** A measured request finished, succeeded or failed. */
  void record(RequestRecord request);
}
