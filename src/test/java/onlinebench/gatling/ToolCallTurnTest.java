package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.core.session.Session;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

/**
 * Tools in the DSL: definitions checked once, {@code tool_choice} as sent, the answer's tool calls
 * saved, and the agent loop's history: the assistant message with its tool calls, then the tool
 * results a following action sends.
 */
class ToolCallTurnTest {
  private static final String TOOLS =
      "[{\"type\":\"function\",\"function\":{\"name\":\"search\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}}},"
          + "{\"type\":\"function\",\"function\":{\"name\":\"read_file\"}}]";
  private static final RequestRecord OK =
      RequestRecord.completed(0, 1_000_000, OptionalLong.of(3), OptionalLong.of(2));
  private static final RequestRecord FAILED =
      RequestRecord.failed(0, 1_000_000, 500, ErrorKind.HTTP_5XX, "HTTP 500: boom");
  private static final List<ToolCall> CALLS =
      List.of(
          new ToolCall("call_1", "search", "{\"query\":\"rivers\"}"),
          new ToolCall("call_2", "read_file", "{}"));

  private static final ChatRequestActionBuilder ASK =
      LlmDsl.chat("agent")
          .userMessage("#{task}")
          .tools(TOOLS)
          .conversation("history")
          .saveToolCallsAs("calls");
  private static final ChatRequestActionBuilder ANSWER_TOOLS =
      LlmDsl.chat("tool results")
          .tools(TOOLS)
          .conversation("history")
          .saveToolCallsAs("calls")
          .toolResults(
              s ->
                  s.<ToolCall>getList("calls").stream()
                      .map(c -> ChatMessage.tool(c.id(), "result of " + c.name()))
                      .toList());

  private static SessionTurn turn(ChatRequestActionBuilder builder) {
    return builder.turn(OptionalInt.of(16));
  }

  @Test
  void toolsAndToolChoiceGoIntoEveryBodyAsGiven() {
    ObjectNode body = ASK.toolChoice("search").requestBody().orElseThrow();

    assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("search");
    assertThat(body.at("/tools/0/function/parameters/properties/query/type").asText())
        .isEqualTo("string");
    assertThat(body.at("/tools/1/function/name").asText()).isEqualTo("read_file");
    assertThat(body.at("/tool_choice/type").asText()).isEqualTo("function");
    assertThat(body.at("/tool_choice/function/name").asText()).isEqualTo("search");
    assertThat(ASK.toolChoice("required").requestBody().orElseThrow().get("tool_choice").asText())
        .isEqualTo("required");
    assertThat(ASK.requestBody().orElseThrow().has("tool_choice"))
        .as("no choice given: the server's default, auto")
        .isFalse();
  }

  @Test
  void toolsGivenAsMapsAreTheSameAsJson() {
    ChatRequestActionBuilder fromMaps =
        LlmDsl.chat("agent")
            .userMessage("x")
            .tools(
                List.of(
                    Map.of(
                        "type",
                        "function",
                        "function",
                        Map.of(
                            "name",
                            "search",
                            "parameters",
                            Map.of(
                                "type",
                                "object",
                                "properties",
                                Map.of("query", Map.of("type", "string"))))),
                    Map.of("type", "function", "function", Map.of("name", "read_file"))));

    assertThat(fromMaps.requestBody().orElseThrow().get("tools"))
        .isEqualTo(ASK.requestBody().orElseThrow().get("tools"));
  }

  @Test
  void badToolDefinitionsAreRefusedWithOneLineNamingWhatIsWrong() {
    ChatRequestActionBuilder chat = LlmDsl.chat("agent");

    assertThatThrownBy(() -> chat.tools("{\"type\":\"function\"}"))
        .hasMessageStartingWith(
            "chat(\"agent\").tools needs a JSON array of {\"type\":\"function\"");
    assertThatThrownBy(() -> chat.tools("[{\"type\":\"function\"}]"))
        .hasMessageStartingWith(
            "chat(\"agent\").tools tools[0].function.name needs the function's name");
    assertThatThrownBy(() -> chat.tools("[{\"function\":{\"name\":\"a\"}}]"))
        .hasMessageStartingWith("chat(\"agent\").tools tools[0] needs \"type\":\"function\"");
    assertThatThrownBy(
            () ->
                chat.tools(
                    "[{\"type\":\"function\",\"function\":{\"name\":\"a\"}},"
                        + "{\"type\":\"function\",\"function\":{\"name\":\"a\"}}]"))
        .hasMessage(
            "chat(\"agent\").tools tools[1] repeats the function name \"a\": names must be unique");
    assertThatThrownBy(() -> chat.tools("[{"))
        .hasMessageStartingWith("chat(\"agent\").tools is not valid JSON (");
    assertThatThrownBy(() -> chat.tools("[]")).hasMessageContaining("got []");
    assertThat(
            List.of(
                catchMessage(() -> chat.tools("{\"type\":\"function\"}")),
                catchMessage(() -> chat.tools("[{"))))
        .allSatisfy(m -> assertThat(m).doesNotContain("\n"));
  }

  @Test
  void aToolChoiceNamingNoOfferedFunctionOrWithoutToolsIsRefusedWhenBuilt() {
    assertThatThrownBy(() -> turn(ASK.toolChoice("Auto")))
        .hasMessage(
            "chat(\"agent\").toolChoice needs \"auto\", \"none\", \"required\" or the name of an"
                + " offered function [search, read_file], got \"Auto\"");
    assertThatThrownBy(() -> turn(LlmDsl.chat("ask").userMessage("x").toolChoice("auto")))
        .hasMessage(
            "chat(\"ask\").toolChoice(\"auto\") needs tools(..): a server refuses tool_choice"
                + " without tools");
    assertThatThrownBy(
            () -> turn(ASK.extraBody(Map.of("tools", List.of(Map.of("type", "function"))))))
        .hasMessageContaining("tools is given twice");
  }

  @Test
  void toolResultsNeedAConversationToFollow() {
    assertThatThrownBy(
            () ->
                turn(
                    LlmDsl.chat("results")
                        .toolResults(s -> List.of(ChatMessage.tool("call_1", "x")))))
        .hasMessageStartingWith("chat(\"results\").toolResults needs conversation(key)");
  }

  @Test
  void theToolCallsAreSavedAndTheHistoryHoldsTheCallsThenTheResults() throws Exception {
    SessionTurn ask = turn(ASK);
    SessionTurn answer = turn(ANSWER_TOOLS);
    Session start = Sessions.with("task", "find rivers");

    ChatPrompt first = ask.prompt(start);
    Session afterCall = ask.after(start, first, OK, "", CALLS);
    ChatPrompt second = answer.prompt(afterCall);
    Session afterText = answer.after(afterCall, second, OK, "The Nile.", List.of());

    assertThat(afterCall.attributes().get("calls").get()).isEqualTo(CALLS);
    assertThat(second.messages())
        .as("the history with the calls, then one tool message per call, by id")
        .containsExactly(
            new ChatPrompt.Message("user", "find rivers"),
            new ChatPrompt.Message("assistant", null, CALLS, null),
            new ChatPrompt.Message("tool", "result of search", List.of(), "call_1"),
            new ChatPrompt.Message("tool", "result of read_file", List.of(), "call_2"));
    assertThat(afterText.attributes().get("calls").get())
        .as("a text answer saves an empty list")
        .isEqualTo(List.of());
    assertThat(afterText.attributes().get("history").get())
        .isEqualTo(
            List.of(
                ChatMessage.user("find rivers"),
                ChatMessage.assistant(null, CALLS),
                ChatMessage.tool("call_1", "result of search"),
                ChatMessage.tool("call_2", "result of read_file"),
                ChatMessage.assistant("The Nile.")));
  }

  @Test
  void aFailedToolResultsTurnLeavesTheCallsAndHistorySoTheNextOneAnswersThemAgain()
      throws Exception {
    SessionTurn answer = turn(ANSWER_TOOLS);
    List<ChatMessage> history =
        List.of(ChatMessage.user("find rivers"), ChatMessage.assistant(null, CALLS));
    Session session = Sessions.with("history", history).set("calls", CALLS);

    Session after = answer.after(session, answer.prompt(session), FAILED, null, List.of());

    assertThat(after.attributes().get("history").get()).isSameAs(history);
    assertThat(after.attributes().get("calls").get()).isEqualTo(CALLS);
  }

  @Test
  void savingToolCallsReadsTheAnswer() {
    assertThat(turn(LlmDsl.chat("ask").userMessage("x").saveToolCallsAs("c")).keepsAnswer())
        .isTrue();
  }

  @Test
  void aToolMessageNeedsTheIdOfTheCallItAnswers() {
    assertThatThrownBy(() -> ChatMessage.tool(" ", "x"))
        .hasMessageStartingWith("a tool message needs the id of the tool call it answers");
    assertThatThrownBy(() -> ChatMessage.assistant(null, List.of()))
        .isInstanceOf(NullPointerException.class);
  }

  private static String catchMessage(Runnable r) {
    try {
      r.run();
      return "";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }
}
