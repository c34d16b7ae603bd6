package onlinebench.gatling;

import io.gatling.core.session.Session;
import java.util.Optional;
import onlinebench.record.RequestRecord;
import onlinebench.record.SessionRecord;
import scala.Option;

/**
 * A virtual user's journey through a user-written scenario, counted as one session: its chat
 * requests so far, whether any failed, when it started and when its last answer came in, all held
 * in the user's own Gatling session. Without state of its own: every method reads a session and
 * returns a new one.
 */
final class UserJourney {
  static final String STARTED_NANOS = "llm.userStartedNanos";
  static final String REQUESTS = "llm.userChatRequests";
  static final String FAILED = "llm.userChatFailed";
  static final String LAST_ANSWER_NANOS = "llm.userLastAnswerNanos";

  private UserJourney() {}

  /** The user starts: its clock starts, before anything of the scenario runs. */
  static Session started(Session session, long nowNanos) {
    return session.set(STARTED_NANOS, nowNanos);
  }

  /** The chat requests the user has sent so far: 0 before its first. */
  static int requestsSent(Session session) {
    Option<Object> sent = session.attributes().get(REQUESTS);
    return sent.isDefined() ? ((Number) sent.get()).intValue() : 0;
  }

  /** One more chat request is done; a failed one fails the journey. */
  static Session answered(Session session, RequestRecord record) {
    Session after =
        session.set(REQUESTS, requestsSent(session) + 1).set(LAST_ANSWER_NANOS, record.endNanos());
    return record.ok() ? after : after.set(FAILED, Boolean.TRUE);
  }

  /**
   * The session to record when the user exits: from its start to its last answer (a pause after it
   * is not the server's time); empty for a user that sent no chat request.
   */
  static Optional<SessionRecord> ended(Session session) {
    int requests = requestsSent(session);
    if (requests == 0) {
      return Optional.empty();
    }
    long end = (Long) session.attributes().apply(LAST_ANSWER_NANOS);
    Option<Object> started = session.attributes().get(STARTED_NANOS);
    long start = started.isDefined() ? (Long) started.get() : end;
    return Optional.of(
        new SessionRecord(start, end, requests, session.attributes().contains(FAILED)));
  }
}
