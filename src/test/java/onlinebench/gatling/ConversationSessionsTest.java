package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import onlinebench.config.LengthSpec;
import onlinebench.load.SessionDraws;
import onlinebench.load.StopSignal;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import onlinebench.record.SessionRecord;
import org.junit.jupiter.api.Test;

class ConversationSessionsTest {
  private final List<SessionRecord> ended = new ArrayList<>();
  private final RequestSink sink =
      new RequestSink() {
        @Override
        public void requestStarting(long startNanos) {}

        @Override
        public void record(RequestRecord request) {}

        @Override
        public void recordSession(SessionRecord session) {
          ended.add(session);
        }
      };

  private ConversationSessions sessions(StopSignal stop) {
    return new ConversationSessions(
        new SessionDraws(LengthSpec.fixed(3), Optional.of(LengthSpec.uniform(100, 900)), 42),
        sink,
        stop);
  }

  private static Session javaSession(io.gatling.core.session.Session scala) {
    return new Session(scala);
  }

  /** The loop's counter as Gatling keeps it: the turns sent before this one. */
  private static Session atTurn(Session session, int sentBefore) {
    return session.set(ConversationTurn.TURN_COUNTER, sentBefore);
  }

  @Test
  void aSessionStartsFreshAndRunsItsDrawnTurns() {
    ConversationSessions s = sessions(StopSignal.never());
    Session old =
        javaSession(Sessions.with(ConversationTurn.HISTORY, List.of("earlier"))).markAsFailed();

    Session begun = s.begin(old);

    assertThat(begun.contains(ConversationTurn.HISTORY)).as("no history").isFalse();
    assertThat(begun.isFailed()).as("the last session's failure is not this one's").isFalse();
    assertThat(begun.getInt(ConversationSessions.TURNS)).isEqualTo(3);
    assertThat(s.moreTurns(atTurn(begun, 0))).isTrue();
    assertThat(s.moreTurns(atTurn(begun, 2))).isTrue();
    assertThat(s.moreTurns(atTurn(begun, 3))).as("three turns sent").isFalse();
    assertThat(s.moreAfterThis(atTurn(begun, 1))).isTrue();
    assertThat(s.moreAfterThis(atTurn(begun, 2))).as("no think time after the last").isFalse();
  }

  @Test
  void onlyTheFirstTurnKeepsTheArrivalTime() {
    Session first =
        atTurn(sessions(StopSignal.never()).begin(javaSession(Sessions.empty())), 0)
            .set(SessionKeys.INTENDED_START_NANOS, 123L);

    Session after = sessions(StopSignal.never()).turnDone(first);

    assertThat(after.contains(SessionKeys.INTENDED_START_NANOS)).isFalse();
    assertThat(after.getInt(ConversationSessions.SENT)).isEqualTo(1);
  }

  @Test
  void eachTurnThinksItsOwnSeededPause() {
    ConversationSessions s = sessions(StopSignal.never());
    Session session = s.turnDone(atTurn(s.begin(javaSession(Sessions.empty())), 0));

    Duration afterFirst = s.thinkTime(session);
    assertThat(afterFirst).isBetween(Duration.ofMillis(100), Duration.ofMillis(900));
    assertThat(sessions(StopSignal.never()).thinkTime(session))
        .as("the same seed, session and turn")
        .isEqualTo(afterFirst);
  }

  @Test
  void thinkingIsNotHarnessTurnaround() {
    Session answered = javaSession(Sessions.with(ChatAction.ANSWERED_NANOS, 5L));
    assertThat(ConversationSessions.thinking(answered).contains(ChatAction.ANSWERED_NANOS))
        .isFalse();
  }

  @Test
  void anEndedSessionIsRecordedWithItsTurnsAndWhetherOneFailed() {
    ConversationSessions s = sessions(StopSignal.never());
    Session session = s.begin(javaSession(Sessions.empty()));
    session = s.turnDone(atTurn(session, 0));
    session = s.turnDone(atTurn(session, 1)).markAsFailed();

    s.end(session);

    assertThat(ended).hasSize(1);
    SessionRecord record = ended.get(0);
    assertThat(record.turns()).isEqualTo(2);
    assertThat(record.failed()).isTrue();
    assertThat(record.durationNanos()).isNotNegative();
  }

  @Test
  void aStoppedLoadEndsTheSessionAfterItsTurnInFlightAndASessionWithoutTurnsIsNotRecorded() {
    StopSignal stop = StopSignal.armed();
    ConversationSessions s = sessions(stop);
    Session session = s.begin(javaSession(Sessions.empty()));
    stop.stop();

    assertThat(s.moreTurns(atTurn(session, 0))).isFalse();
    s.end(session);
    assertThat(ended).as("it sent nothing").isEmpty();
  }
}
