package onlinebench.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import onlinebench.config.Endpoint;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;
import org.junit.jupiter.api.Test;

class ChatRequestEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void encodesModelMessagesAndMaxTokens() throws Exception {
    JsonNode body =
        JSON.readTree(
            new ChatRequestEncoder(Endpoint.CHAT, "m", false, false, Optional.empty())
                .encode(ChatPrompt.user("hi", 64)));
    assertThat(body.get("model").asText()).isEqualTo("m");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
    assertThat(body.at("/messages/0/content").asText()).isEqualTo("hi");
    assertThat(body.has("stream")).isFalse();
  }

  @Test
  void toolCallsAndToolResultsTakeOpenAisShapes() throws Exception {
    ChatPrompt prompt =
        new ChatPrompt(
            List.of(
                new ChatPrompt.Message("user", "find rivers"),
                new ChatPrompt.Message(
                    "assistant",
                    null,
                    List.of(new ToolCall("call_1", "search", "{\"q\":\"rivers\"}")),
                    null),
                new ChatPrompt.Message("tool", "Nile, Amazon", List.of(), "call_1")),
            8);
    JsonNode body =
        JSON.readTree(
            new ChatRequestEncoder(Endpoint.CHAT, "m", false, false, Optional.empty())
                .encode(prompt));

    JsonNode assistant = body.at("/messages/1");
    assertThat(assistant.get("content").isNull()).as("content null beside tool calls").isTrue();
    assertThat(assistant.at("/tool_calls/0/id").asText()).isEqualTo("call_1");
    assertThat(assistant.at("/tool_calls/0/type").asText()).isEqualTo("function");
    assertThat(assistant.at("/tool_calls/0/function/name").asText()).isEqualTo("search");
    assertThat(assistant.at("/tool_calls/0/function/arguments").asText())
        .as("arguments stay a JSON string, not an object")
        .isEqualTo("{\"q\":\"rivers\"}");
    JsonNode tool = body.at("/messages/2");
    assertThat(tool.get("role").asText()).isEqualTo("tool");
    assertThat(tool.get("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(tool.get("content").asText()).isEqualTo("Nile, Amazon");
    assertThat(body.at("/messages/0").has("tool_calls")).as("text messages unchanged").isFalse();
    assertThat(body.at("/messages/0").has("tool_call_id")).isFalse();
  }

  @Test
  void promptsWithQuotesAndNewlinesStayValidJson() throws Exception {
    String prompt = "say \"hi\"\n\\ and {braces}";
    JsonNode body =
        JSON.readTree(
            new ChatRequestEncoder(Endpoint.CHAT, "m", false, false, Optional.empty())
                .encode(ChatPrompt.user(prompt, 1)));
    assertThat(body.at("/messages/0/content").asText()).isEqualTo(prompt);
  }

  @Test
  void streamingAsksForUsageInTheLastChunk() throws Exception {
    JsonNode body =
        JSON.readTree(
            new ChatRequestEncoder(Endpoint.CHAT, "m", true, false, Optional.empty())
                .encode(ChatPrompt.user("x", 1)));
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void mergesExtraBodyOverridingOurFields() throws Exception {
    ObjectNode extra = (ObjectNode) JSON.readTree("{\"ignore_eos\":true,\"max_tokens\":5}");
    JsonNode body =
        JSON.readTree(
            new ChatRequestEncoder(Endpoint.CHAT, "m", false, false, Optional.of(extra))
                .encode(ChatPrompt.user("x", 64)));
    assertThat(body.get("ignore_eos").asBoolean()).isTrue();
    assertThat(body.get("max_tokens").asInt()).isEqualTo(5);
  }

  @Test
  void ignoreEosAsksForExactlyMaxTokens() throws Exception {
    ChatRequestEncoder encoder =
        new ChatRequestEncoder(Endpoint.CHAT, "m", false, true, Optional.empty());
    JsonNode body = JSON.readTree(encoder.encode(ChatPrompt.user("x", 300)));
    assertThat(body.get("ignore_eos").asBoolean()).isTrue();
    assertThat(body.get("min_tokens").asInt()).isEqualTo(300);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(300);
    assertThat(encoder.maxTokens(ChatPrompt.user("x", 300))).isEqualTo(300);
  }

  @Test
  void extraBodyWinsOverIgnoreEos() throws Exception {
    ObjectNode extra = (ObjectNode) JSON.readTree("{\"ignore_eos\":false,\"max_tokens\":5}");
    ChatRequestEncoder encoder =
        new ChatRequestEncoder(Endpoint.CHAT, "m", false, true, Optional.of(extra));
    JsonNode body = JSON.readTree(encoder.encode(ChatPrompt.user("x", 64)));
    assertThat(body.get("ignore_eos").asBoolean()).isFalse();
    assertThat(body.get("min_tokens").asInt())
        .as("min_tokens follows the max_tokens sent")
        .isEqualTo(5);
    assertThat(encoder.maxTokens(ChatPrompt.user("x", 64))).isEqualTo(5);
    ObjectNode minOnly = (ObjectNode) JSON.readTree("{\"min_tokens\":2}");
    assertThat(
            JSON.readTree(
                    new ChatRequestEncoder(Endpoint.CHAT, "m", false, true, Optional.of(minOnly))
                        .encode(ChatPrompt.user("x", 64)))
                .get("min_tokens")
                .asInt())
        .isEqualTo(2);
  }

  @Test
  void withoutIgnoreEosNeitherFieldIsSent() throws Exception {
    JsonNode body =
        JSON.readTree(
            new ChatRequestEncoder(Endpoint.CHAT, "m", false, false, Optional.empty())
                .encode(ChatPrompt.user("x", 64)));
    assertThat(body.has("ignore_eos")).isFalse();
    assertThat(body.has("min_tokens")).isFalse();
  }

  @Test
  void eachBodyHasExactlyOneMessage() throws Exception {
    ChatRequestEncoder encoder =
        new ChatRequestEncoder(Endpoint.CHAT, "m", false, false, Optional.empty());
    encoder.encode(ChatPrompt.user("a", 1));
    JsonNode body = JSON.readTree(encoder.encode(ChatPrompt.user("b", 1)));
    assertThat(body.get("messages")).hasSize(1);
  }

  @Test
  void completionsBodyCarriesThePromptTextInsteadOfMessages() throws Exception {
    JsonNode body =
        JSON.readTree(
            new ChatRequestEncoder(Endpoint.COMPLETIONS, "m", false, false, Optional.empty())
                .encode(ChatPrompt.user("say \"hi\"\n", 64)));
    assertThat(body)
        .isEqualTo(
            JSON.readTree("{\"model\":\"m\",\"prompt\":\"say \\\"hi\\\"\\n\",\"max_tokens\":64}"));
  }

  @Test
  void completionsBodyStreamsAndMergesExtraBodyLikeChat() throws Exception {
    ObjectNode extra = (ObjectNode) JSON.readTree("{\"ignore_eos\":true,\"max_tokens\":5}");
    JsonNode body =
        JSON.readTree(
            new ChatRequestEncoder(Endpoint.COMPLETIONS, "m", true, false, Optional.of(extra))
                .encode(ChatPrompt.user("x", 64)));
    assertThat(body)
        .isEqualTo(
            JSON.readTree(
                "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":5,\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true},\"ignore_eos\":true}"));
  }

  @Test
  void completionsJoinTheContentsOfSeveralMessagesWithABlankLine() {
    ChatPrompt conversation =
        new ChatPrompt(
            List.of(
                new ChatPrompt.Message("system", "You are terse."),
                new ChatPrompt.Message("user", "Name three primes.")),
            8);
    assertThat(ChatRequestEncoder.promptText(conversation))
        .isEqualTo("You are terse.\n\nName three primes.");
  }
}
