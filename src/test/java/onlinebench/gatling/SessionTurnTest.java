package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatling.core.session.Session;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import onlinebench.prompt.ChatPrompt;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;
import scala.Option;

class SessionTurnTest {
  private static final RequestRecord OK =
      RequestRecord.completed(0, 1_000_000, OptionalLong.of(3), OptionalLong.of(2));
  private static final RequestRecord FAILED =
      RequestRecord.failed(0, 1_000_000, 500, ErrorKind.HTTP_5XX, "HTTP 500: boom");

  private static SessionTurn turn(ChatRequestActionBuilder builder) {
    return builder.turn(OptionalInt.of(16));
  }

  private static List<ChatPrompt.Message> sent(SessionTurn turn, Session session)
      throws ChatTurn.NoPrompt {
    return turn.prompt(session).messages();
  }

  @Test
  void elStringsAreResolvedFromTheSession() throws Exception {
    SessionTurn turn =
        turn(
            LlmDsl.chat("ask")
                .systemMessage("You are #{persona}.")
                .userMessage("Question: #{question}"));
    Session session = Sessions.with("persona", "terse").set("question", "2+2? \"quoted\"");

    assertThat(sent(turn, session))
        .containsExactly(
            new ChatPrompt.Message("system", "You are terse."),
            new ChatPrompt.Message("user", "Question: 2+2? \"quoted\""));
    assertThat(turn.prompt(session).maxTokens()).isEqualTo(16);
  }

  @Test
  void aMissingAttributeIsACrashNamingIt() {
    SessionTurn turn = turn(LlmDsl.chat("ask").userMessage("#{question}"));

    assertThatThrownBy(() -> turn.prompt(Sessions.empty()))
        .isInstanceOf(ChatTurn.NoPrompt.class)
        .hasMessageStartingWith("userMessage: ")
        .hasMessageContaining("question");
  }

  @Test
  void aMessagesFunctionGivesTheWholeList() throws Exception {
    SessionTurn turn =
        turn(
            LlmDsl.chat("ask")
                .messages(
                    s ->
                        List.of(
                            ChatMessage.system("sys"), ChatMessage.user(s.getString("question")))));

    assertThat(sent(turn, Sessions.with("question", "why?")))
        .containsExactly(
            new ChatPrompt.Message("system", "sys"), new ChatPrompt.Message("user", "why?"));
  }

  @Test
  void aSuccessfulTurnAppendsTheUserMessageAndTheAnswerToTheHistory() throws Exception {
    SessionTurn turn =
        turn(LlmDsl.chat("ask").systemMessage("Be brief.").userMessage("#{q}").conversation("h"));
    Session first = Sessions.with("q", "one?");

    ChatPrompt firstPrompt = turn.prompt(first);
    Session afterFirst = turn.after(first, firstPrompt, OK, "1");
    Session second = afterFirst.set("q", "two?");
    ChatPrompt secondPrompt = turn.prompt(second);
    Session afterSecond = turn.after(second, secondPrompt, OK, "2");

    assertThat(afterFirst.attributes().get("h").get())
        .isEqualTo(List.of(ChatMessage.user("one?"), ChatMessage.assistant("1")));
    assertThat(secondPrompt.messages())
        .as("system first, then the history, then this turn")
        .containsExactly(
            new ChatPrompt.Message("system", "Be brief."),
            new ChatPrompt.Message("user", "one?"),
            new ChatPrompt.Message("assistant", "1"),
            new ChatPrompt.Message("user", "two?"));
    assertThat(afterSecond.attributes().get("h").get())
        .isEqualTo(
            List.of(
                ChatMessage.user("one?"),
                ChatMessage.assistant("1"),
                ChatMessage.user("two?"),
                ChatMessage.assistant("2")));
    assertThat(first.attributes().contains("h")).as("sessions are immutable").isFalse();
  }

  @Test
  void aFailedTurnLeavesTheHistoryAndTheSavedAnswerAsTheyWere() throws Exception {
    SessionTurn turn =
        turn(LlmDsl.chat("ask").userMessage("#{q}").conversation("h").saveAnswerAs("a"));
    List<ChatMessage> history = List.of(ChatMessage.user("one?"), ChatMessage.assistant("1"));
    Session session = Sessions.with("q", "two?").set("h", history).set("a", "1");

    Session after = turn.after(session, turn.prompt(session), FAILED, null);

    assertThat(after.attributes().get("h").get()).isSameAs(history);
    assertThat(after.attributes().get("a").get()).isEqualTo("1");
  }

  @Test
  void theHistoryAttributeMustHoldChatMessages() {
    SessionTurn turn = turn(LlmDsl.chat("ask").userMessage("#{q}").conversation("h"));

    assertThatThrownBy(() -> turn.prompt(Sessions.with("q", "x").set("h", "not a list")))
        .isInstanceOf(ChatTurn.NoPrompt.class)
        .hasMessage(
            "the conversation attribute \"h\" holds a java.lang.String, not a List<ChatMessage>");
  }

  @Test
  void theAnswerIsSavedOnlyWhenAsked() throws Exception {
    SessionTurn saving = turn(LlmDsl.chat("ask").userMessage("#{q}").saveAnswerAs("answer"));
    SessionTurn plain = turn(LlmDsl.chat("ask").userMessage("#{q}"));
    Session session = Sessions.with("q", "x");

    Session saved = saving.after(session, saving.prompt(session), OK, "Paris");
    Session notSaved = plain.after(session, plain.prompt(session), OK, null);

    assertThat(saved.attributes().get("answer")).isEqualTo(Option.apply("Paris"));
    assertThat(notSaved.attributes().contains("answer")).isFalse();
    assertThat(notSaved.attributes().size())
        .as("only the user's journey counts were added")
        .isEqualTo(session.attributes().size() + 2);
  }

  @Test
  void aFailedCheckTurnsASuccessIntoABadResponseKeepingItsTimings() {
    SessionTurn turn =
        turn(
            LlmDsl.chat("ask")
                .userMessage("#{q}")
                .check(LlmChecks.status().is(200), LlmChecks.answer().contains("Paris")));

    RequestRecord passed = turn.judge(OK, "It is Paris.");
    RequestRecord refused = turn.judge(OK, "It is Lyon.");

    assertThat(passed).isSameAs(OK);
    assertThat(refused.ok()).isFalse();
    assertThat(refused.error()).hasValue(ErrorKind.BAD_RESPONSE);
    assertThat(refused.errorMessage())
        .isEqualTo("check failed: answer contains \"Paris\", found answer \"It is Lyon.\"");
    assertThat(refused.e2eNanos()).isEqualTo(OK.e2eNanos());
    assertThat(refused.completionTokens()).isEqualTo(OK.completionTokens());
  }

  @Test
  void checksDoNotRunOnAFailureWhichKeepsItsOwnKind() {
    SessionTurn turn =
        turn(LlmDsl.chat("ask").userMessage("#{q}").check(LlmChecks.answer().contains("x")));

    assertThat(turn.judge(FAILED, null)).isSameAs(FAILED);
  }

  @Test
  void withoutAConversationTheTurnIsTheUsersNthChatRequestFailedOnesIncluded() {
    SessionTurn turn = turn(LlmDsl.chat("ask").userMessage("hi"));
    Session session = Sessions.empty();

    assertThat(turn.describe(session, OK).turn()).isEqualTo(1);
    session =
        turn.after(
            session,
            new ChatPrompt(List.of(new ChatPrompt.Message("user", "hi")), 16),
            FAILED,
            null);
    assertThat(turn.describe(session, OK).turn()).isEqualTo(2);
    session =
        turn.after(
            session,
            new ChatPrompt(List.of(new ChatPrompt.Message("user", "hi")), 16),
            OK,
            "answer");
    assertThat(turn.describe(session, OK).turn()).isEqualTo(3);
  }

  @Test
  void inAConversationTheTurnIsTheHistorysSoAFailedTurnAskedAgainKeepsItsIndex() throws Exception {
    SessionTurn turn = turn(LlmDsl.chat("ask").userMessage("hi").conversation("history"));
    Session session = Sessions.empty();
    ChatPrompt sent = turn.prompt(session);

    session = turn.after(session, sent, FAILED, null);
    assertThat(turn.describe(session, OK).turn()).as("asked again after a failure").isEqualTo(1);
    session = turn.after(session, sent, OK, "answer");
    assertThat(turn.describe(session, OK).turn()).isEqualTo(2);
  }

  @Test
  void theJourneyCountsEveryRequestAndFailsWithAnyFailedOne() {
    SessionTurn turn = turn(LlmDsl.chat("ask").userMessage("hi"));
    ChatPrompt sent = new ChatPrompt(List.of(new ChatPrompt.Message("user", "hi")), 16);
    Session session = UserJourney.started(Sessions.empty(), 0);

    session = turn.after(session, sent, OK, "a");
    assertThat(UserJourney.ended(session))
        .hasValueSatisfying(j -> assertThat(j.failed()).isFalse());
    session = turn.after(session, sent, FAILED, null);
    session = turn.after(session, sent, OK, "b");

    assertThat(UserJourney.ended(session))
        .hasValueSatisfying(
            j -> {
              assertThat(j.turns()).isEqualTo(3);
              assertThat(j.failed()).as("one request failed").isTrue();
              assertThat(j.startNanos()).isZero();
              assertThat(j.endNanos()).as("the last answer's end").isEqualTo(OK.endNanos());
            });
  }
}
