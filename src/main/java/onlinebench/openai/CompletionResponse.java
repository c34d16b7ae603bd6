package onlinebench.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.OptionalLong;
import onlinebench.config.Endpoint;

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
 */
public record CompletionResponse(
    OptionalLong promptTokens, OptionalLong completionTokens, OptionalLong reasoningTokens) {
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
    return new CompletionResponse(
        count(usage.path("prompt_tokens")),
        count(usage.path("completion_tokens")),
        reasoning.isPresent() ? reasoning : count(usage.path("reasoning_tokens")));
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
