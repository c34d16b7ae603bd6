package onlinebench.gatling;

import io.gatling.core.session.Session;
import onlinebench.metrics.RequestRecord;

/** Where a finished request's outcome goes before the virtual user moves on. */
interface OutcomeSink {
  /** Drops every outcome: requests that must not count anywhere (warmup). */
  OutcomeSink DISCARD =
      new OutcomeSink() {
        @Override
        public void sending(long startNanos) {}

        @Override
        public void accept(Session session, long startMillis, RequestRecord record) {}
      };

  /** A request is about to be handed to the engine, at {@code startNanos}. */
  void sending(long startNanos);

  /**
   * @param session the user's session when the request was sent
   * @param startMillis epoch milliseconds at the send, Gatling's clock
   */
  void accept(Session session, long startMillis, RequestRecord record);
}
