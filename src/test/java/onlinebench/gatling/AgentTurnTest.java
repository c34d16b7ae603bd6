package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.core.session.Session;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.PromptFeeder;
import onlinebench.prompt.ToolCall;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class AgentTurnTest {
  private static final RequestRecord OK =
      RequestRecord.completed(0, 1_000_000, OptionalLong.of(3), OptionalLong.of(2));
  private static final RequestRecord FAILED =
      RequestRecord.failed(0, 1_000_000, 500, ErrorKind.HTTP_5XX, "HTTP 500: boom");
  private static final AgentTurn TURN = new AgentTurn("Use tools.");
  private static final List<ToolCall> CALLS =
      List.of(new ToolCall("call_1", "search", "{\"query\":\"a\"}"));

  private static Session fed(Session session, String text) {
    return session.set(PromptFeeder.PROMPT_ATTRIBUTE, ChatPrompt.user(text, 8));
  }

  @Test
  void theFirstRequestSendsTheTaskAndAToolCallAnswerIsAnsweredWithTheFedTextByItsId()
      throws Exception {
    Session first = fed(Sessions.empty(), "task");
    ChatPrompt asked = TURN.prompt(first);
    Session afterCall = TURN.after(first, asked, OK, "", CALLS);
    Session second = fed(afterCall, "tool output");
    ChatPrompt results = TURN.prompt(second);

    assertThat(asked.messages())
        .containsExactly(
            new ChatPrompt.Message("system", "Use tools."), new ChatPrompt.Message("user", "task"));
    assertThat(results.messages())
        .containsExactly(
            new ChatPrompt.Message("system", "Use tools."),
            new ChatPrompt.Message("user", "task"),
            new ChatPrompt.Message("assistant", null, CALLS, null),
            new ChatPrompt.Message("tool", "tool output", List.of(), "call_1"));
    assertThat(AgentTurn.pendingCalls(afterCall)).isEqualTo(CALLS);
    assertThat(AgentTurn.answered(afterCall)).isFalse();
    assertThat(AgentTurn.toolCallTurns(afterCall)).isEqualTo(1);
  }

  @Test
  void aTextAnswerEndsTheTaskAndClearsThePendingCalls() throws Exception {
    Session first = fed(Sessions.empty(), "task");
    Session afterCall = TURN.after(first, TURN.prompt(first), OK, "", CALLS);
    Session second = fed(afterCall, "tool output");
    Session afterText = TURN.after(second, TURN.prompt(second), OK, "Done.", List.of());

    assertThat(AgentTurn.answered(afterText)).isTrue();
    assertThat(AgentTurn.pendingCalls(afterText)).isEmpty();
    assertThat(AgentTurn.toolCallTurns(afterText)).as("text answers are not counted").isEqualTo(1);
  }

  @Test
  void aFailedResultsRequestLeavesTheCallsPendingSoTheNextSendsThemAgain() throws Exception {
    Session first = fed(Sessions.empty(), "task");
    Session afterCall = TURN.after(first, TURN.prompt(first), OK, "", CALLS);
    Session second = fed(afterCall, "tool output");

    Session afterFailure = TURN.after(second, TURN.prompt(second), FAILED, null, List.of());

    assertThat(afterFailure).isSameAs(second);
    assertThat(TURN.prompt(afterFailure).messages())
        .last()
        .extracting(m -> m.toolCallId())
        .isEqualTo("call_1");
  }

  @Test
  void everyRequestOffersTheToolsUnlessTheExtraBodyHasItsOwn() {
    assertThat(
            TURN.bodyFields(Optional.empty()).orElseThrow().at("/tools/0/function/name").asText())
        .isEqualTo("search");
    var own = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    own.putArray("tools").addObject().put("type", "function");
    assertThat(TURN.bodyFields(Optional.of(own)).orElseThrow().get("tools").size()).isOne();
    assertThat(new ConversationTurn(null).bodyFields(Optional.empty()))
        .as("a conversation offers no tools")
        .isEmpty();
  }
}
