package onlinebench.gatling;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import onlinebench.load.SessionDraws;
import onlinebench.load.StopSignal;
import onlinebench.record.RequestSink;
import onlinebench.record.SessionRecord;

/**
 * The built-in conversation workload's session, as a Gatling chain around one turn's request: a
 * session starts with an empty history and a drawn number of turns, sends them one after another
 * (thinking between them), and ends by recording itself. The load model hands out one ticket per
 * session, so it runs inside {@link LlmDsl#measured}.
 *
 * <p>Only a session's first turn is sent on the open model's arrival schedule: the later ones
 * follow their answers, so their intended send time is their actual one. A user waiting on purpose
 * (think time) is not counted as harness turnaround.
 *
 * <p>An agent session ({@link AgentTurn}) ends at its first text answer, or at its drawn number of
 * turns; it pauses (the drawn tool time) only after an answer with tool calls, before sending their
 * results, and a failed request is sent again at once.
 */
final class ConversationSessions {
  static final String TURNS = "llm.sessionTurns";
  static final String STARTED_NANOS = "llm.sessionStartedNanos";
  static final String SENT = "llm.sessionTurnsSent";
  static final String SEQUENCE = "llm.session";

  private final SessionDraws draws;
  private final RequestSink sink;
  private final StopSignal stop;
  private final boolean agent;

  ConversationSessions(SessionDraws draws, RequestSink sink, StopSignal stop) {
    this(draws, sink, stop, false);
  }

  /**
   * @param draws the turns of each session, and the pause after a turn: think time for a
   *     conversation, tool time for an agent
   * @param agent whether sessions are agent tasks ({@link AgentTurn}) rather than conversations
   */
  ConversationSessions(SessionDraws draws, RequestSink sink, StopSignal stop, boolean agent) {
    this.draws = draws;
    this.sink = sink;
    this.stop = stop;
    this.agent = agent;
  }

  /** One whole session, each turn being {@code turnRequest} (a prompt fed, then the chat). */
  ChainBuilder session(ChainBuilder turnRequest) {
    ChainBuilder turn = CoreDsl.exec(turnRequest).exec(this::turnDone);
    if (draws.thinks()) {
      turn =
          turn.doIf(agent ? this::resultsFollow : this::moreAfterThis)
              .then(CoreDsl.exec(ConversationSessions::thinking).pause(this::thinkTime));
    }
    return CoreDsl.exec(this::begin)
        .asLongAs(this::moreTurns, ConversationTurn.TURN_COUNTER)
        .on(turn)
        .exec(this::end);
  }

  /** A fresh session: no history, no failure yet, its turns drawn, its clock started. */
  Session begin(Session session) {
    long sequence = draws.nextSession();
    return session
        .markAsSucceeded()
        .remove(ConversationTurn.HISTORY)
        .remove(AgentTurn.PENDING_CALLS)
        .remove(AgentTurn.ANSWERED)
        .remove(AgentTurn.TOOL_CALL_TURNS)
        .set(SEQUENCE, sequence)
        .set(TURNS, draws.turns(sequence))
        .set(SENT, 0)
        .set(STARTED_NANOS, System.nanoTime());
  }

  /** Before each turn: turns remain, and the load was not stopped. */
  boolean moreTurns(Session session) {
    return !stop.stopped()
        && session.getInt(ConversationTurn.TURN_COUNTER) < session.getInt(TURNS)
        && !(agent && AgentTurn.answered(session.asScala()));
  }

  /** After an agent's turn: it answered with tool calls, and their results may be sent. */
  boolean resultsFollow(Session session) {
    return moreAfterThis(session) && !AgentTurn.pendingCalls(session.asScala()).isEmpty();
  }

  /** After a turn's request, inside the loop: another turn follows. */
  boolean moreAfterThis(Session session) {
    return !stop.stopped()
        && session.getInt(ConversationTurn.TURN_COUNTER) + 1 < session.getInt(TURNS);
  }

  /** A turn was sent; only the first was meant for an arrival time. */
  Session turnDone(Session session) {
    return session
        .set(SENT, session.getInt(ConversationTurn.TURN_COUNTER) + 1)
        .remove(SessionKeys.INTENDED_START_NANOS);
  }

  /** The pause after the turn just sent, drawn for this session and turn. */
  Duration thinkTime(Session session) {
    return draws.thinkTime(session.getLong(SEQUENCE), session.getInt(SENT));
  }

  /** Think time is the scenario's pause, not the harness being late. */
  static Session thinking(Session session) {
    return session.remove(ChatAction.ANSWERED_NANOS);
  }

  /** Records the session once it has sent a turn; failed when any turn failed. */
  Session end(Session session) {
    int sent = session.getInt(SENT);
    if (sent > 0) {
      sink.recordSession(
          new SessionRecord(
              session.getLong(STARTED_NANOS),
              System.nanoTime(),
              sent,
              session.isFailed(),
              AgentTurn.toolCallTurns(session.asScala())));
    }
    return session;
  }
}
