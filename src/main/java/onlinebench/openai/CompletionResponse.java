package onlinebench.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import onlinebench.config.Endpoint;
import onlinebench.prompt.ToolCall;

/**
 * What a benchmark needs from a non-streamed {@code chat.completion} body, or a legacy {@code
 * text_completion} one.
 *
 * @param promptTokens {@code usage.prompt_tokens}, absent when the server sent no usage
 * @param completionTokens {@code usage.completion_tokens}, absent when the server sent no usage
 * @param reasoningTokens {@code usage.completion_tokens_details.reasoning_tokens}, else SGLang's
 *     {@code usage.reasoning_tokens}; absent when neither is there (the answer's {@code
 *     message.reasoning_content} or {@code message.reasoning} text is not counted: it is not
 *     tokens)
 * @param cachedTokens {@code usage.prompt_tokens_details.cached_tokens} (OpenAI's API reference;
 *     vLLM's PromptTokenUsageInfo, vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py;
 *     shared/wire/llama.cpp/chat.txt), absent when the details or the count are missing or null
 * @param answer the assistant's text: {@code choices[0].message.content} (chat) or {@code
 *     choices[0].text} (completions); absent when it is not a string (a tool-call answer's null
 *     content)
 * @param toolCalls {@code choices[0].message.tool_calls}, in order, when parsed with tool calls and
 *     the answer has them; empty otherwise
 */
public record CompletionResponse(
    OptionalLong promptTokens,
    OptionalLong completionTokens,
    OptionalLong reasoningTokens,
    OptionalLong cachedTokens,
    Optional<String> answer,
    List<ToolCall> toolCalls) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** True when the server sent a {@code usage} object with both counts. */
  public boolean hasUsage() {
    return promptTokens.isPresent() && completionTokens.isPresent();
  }

  /**
   * Parses a 200 response body.
   *
   * @param endpoint which API answered: chat answers hold {@code choices[0].message}, completions
   *     {@code choices[0].text}
   * @throws BadResponseException when the body is not JSON or holds no such answer
   */
  public static CompletionResponse parse(byte[] body, int length, Endpoint endpoint) {
    return parse(body, length, endpoint, false);
  }

  /**
   * Parses a 200 response body, and its tool calls when {@code withToolCalls}.
   *
   * @throws BadResponseException when the body is not JSON or holds no such answer
   */
  public static CompletionResponse parse(
      byte[] body, int length, Endpoint endpoint, boolean withToolCalls) {
    JsonNode root;
    try {
      root = JSON.readTree(body, 0, length);
    } catch (IOException e) {
      throw new BadResponseException("body is not JSON: " + firstLine(e.getMessage()));
    }
    JsonNode choice = root == null ? null : root.path("choices").path(0);
    boolean answered =
        endpoint == Endpoint.COMPLETIONS
            ? choice != null && choice.path("text").isTextual()
            : choice != null && choice.path("message").isObject();
    if (!answered) {
      throw new BadResponseException(
          endpoint == Endpoint.COMPLETIONS
              ? "no choices[0].text in the response body"
              : "no choices[0].message in the response body");
    }
    JsonNode usage = root.path("usage");
    OptionalLong reasoning =
        count(usage.path("completion_tokens_details").path("reasoning_tokens"));
    // shared/wire/llama.cpp/chat.txt: the text is choices[0].message.content, null on a tool call
    JsonNode text =
        endpoint == Endpoint.COMPLETIONS
            ? choice.path("text")
            : choice.path("message").path("content");
    return new CompletionResponse(
        count(usage.path("prompt_tokens")),
        count(usage.path("completion_tokens")),
        reasoning.isPresent() ? reasoning : count(usage.path("reasoning_tokens")),
        count(usage.path("prompt_tokens_details").path("cached_tokens")),
        text.isTextual() ? Optional.of(text.asText()) : Optional.empty(),
        withToolCalls ? toolCalls(choice.path("message").path("tool_calls")) : List.of());
  }

  /**
   * A message's {@code tool_calls}: {@code [{"id","type":"function","function":{"name",
   * "arguments"}}]} (OpenAI's API reference, {@code ChatCompletionMessageToolCall}; vLLM's {@code
   * ToolCall}, vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py). An entry that is not
   * an object is skipped; a missing id, name or arguments reads as {@code ""}.
   */
  private static List<ToolCall> toolCalls(JsonNode calls) {
    if (!calls.isArray()) {
      return List.of(); // absent, or null on a text answer
    }
    List<ToolCall> read = new ArrayList<>(calls.size());
    for (JsonNode call : calls) {
      if (call.isObject()) {
        JsonNode function = call.path("function");
        read.add(
            new ToolCall(
                call.path("id").asText(""),
                function.path("name").asText(""),
                function.path("arguments").asText("")));
      }
    }
    return List.copyOf(read);
  }

  private static OptionalLong count(JsonNode node) {
    return node.canConvertToExactIntegral() && node.asLong() >= 0
        ? OptionalLong.of(node.asLong())
        : OptionalLong.empty();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
