package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.core.session.Session;
import java.util.List;
import java.util.OptionalLong;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.PromptFeeder;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class ConversationTurnTest {
  private static final RequestRecord OK =
      RequestRecord.completed(0, 1_000_000, OptionalLong.of(3), OptionalLong.of(2));
  private static final RequestRecord FAILED =
      RequestRecord.failed(0, 1_000_000, 500, ErrorKind.HTTP_5XX, "HTTP 500: boom");
  private static final ConversationTurn TURN = new ConversationTurn("Be brief.");

  private static Session fed(Session session, String question) {
    return session.set(PromptFeeder.PROMPT_ATTRIBUTE, ChatPrompt.user(question, 8));
  }

  /** The session after one turn that asked {@code question} and got {@code answer}. */
  private static Session asked(Session session, String question, RequestRecord outcome, String a)
      throws ChatTurn.NoPrompt {
    Session before = fed(session, question);
    return TURN.after(before, TURN.prompt(before), outcome, a);
  }

  @Test
  void theFirstTurnSendsTheSystemPromptAndTheFedMessage() throws Exception {
    ChatPrompt sent = TURN.prompt(fed(Sessions.empty(), "q1"));

    assertThat(sent.messages())
        .containsExactly(
            new ChatPrompt.Message("system", "Be brief."), new ChatPrompt.Message("user", "q1"));
    assertThat(sent.maxTokens()).as("the fed prompt's max_tokens").isEqualTo(8);
  }

  @Test
  void laterTurnsCarryEveryEarlierQuestionAndTheServersAnswer() throws Exception {
    Session session = asked(Sessions.empty(), "q1", OK, "a1");
    session = asked(session, "q2", OK, "a2");

    assertThat(TURN.prompt(fed(session, "q3")).messages())
        .containsExactly(
            new ChatPrompt.Message("system", "Be brief."),
            new ChatPrompt.Message("user", "q1"),
            new ChatPrompt.Message("assistant", "a1"),
            new ChatPrompt.Message("user", "q2"),
            new ChatPrompt.Message("assistant", "a2"),
            new ChatPrompt.Message("user", "q3"));
  }

  @Test
  void aFailedTurnLeavesTheHistoryAsItWas() throws Exception {
    Session session = asked(Sessions.empty(), "q1", OK, "a1");
    Session after = asked(session, "q2", FAILED, null);

    assertThat(TURN.prompt(fed(after, "q3")).messages())
        .extracting(ChatPrompt.Message::content)
        .containsExactly("Be brief.", "q1", "a1", "q3");
  }

  @Test
  void anAnswerWithoutTextJoinsTheHistoryAsEmptyText() throws Exception {
    Session session = asked(Sessions.empty(), "q1", OK, null);

    assertThat(TURN.prompt(fed(session, "q2")).messages())
        .contains(new ChatPrompt.Message("assistant", ""));
  }

  @Test
  void withoutASystemPromptTheHistoryComesFirst() throws Exception {
    ConversationTurn bare = new ConversationTurn(null);
    Session first = fed(Sessions.empty(), "q1");
    Session session = bare.after(first, bare.prompt(first), OK, "a1");

    assertThat(bare.prompt(fed(session, "q2")).messages())
        .extracting(ChatPrompt.Message::role)
        .containsExactly("user", "assistant", "user");
  }

  @Test
  void eachRecordIsStampedWithItsTurnFromTheLoopCounter() {
    assertThat(TURN.describe(Sessions.empty(), OK).turn()).isEqualTo(1);
    assertThat(TURN.describe(Sessions.with(ConversationTurn.TURN_COUNTER, 2), OK).turn())
        .as("two turns before it")
        .isEqualTo(3);
    assertThat(TURN.keepsAnswer()).as("the answer joins the history").isTrue();
  }

  @Test
  void theHistoryIsAnImmutableListInTheSession() throws Exception {
    Session session = asked(Sessions.empty(), "q1", OK, "a1");

    Object history = session.attributes().get(ConversationTurn.HISTORY).get();
    assertThat(history).isInstanceOf(List.class);
    assertThat((List<?>) history).hasSize(2).isUnmodifiable();
  }
}
