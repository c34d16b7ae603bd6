package onlinebench.gatling;

import io.gatling.core.session.Session;
import onlinebench.record.RequestRecord;

/** Where a finished request's outcome goes before the virtual user moves on. */
interface OutcomeSink {
  /** A request is about to be handed to the engine, at {@code startNanos}. */
  void sending(long startNanos);

  /**
   * @param session the user's session when the request was sent
   * @param startMillis epoch milliseconds at the send, Gatling's clock
   */
  void accept(Session session, long startMillis, RequestRecord record);
}
