package onlinebench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What the simulator needs from one valid {@code POST /v1/chat/completions} body, or a legacy
 * {@code POST /v1/completions} one.
 *
 * @param promptTokens the {@link PromptCounting}'s count over the messages, or over the {@code
 *     prompt} string of a legacy completion
 * @param maxTokens most tokens to generate: {@code max_completion_tokens}, else {@code max_tokens},
 *     else {@value #DEFAULT_OUTPUT_TOKENS}
 * @param minTokens vLLM's {@code min_tokens}: no stop (EOS) before this many tokens; 0 when absent
 * @param ignoreEos vLLM's {@code ignore_eos}: never stop before maxTokens
 * @param stream whether {@code "stream": true}
 * @param includeUsage whether {@code "stream_options": {"include_usage": true}}
 * @param textCompletion whether it came to the legacy completions endpoint, which answers in its
 *     own shape ({@code text_completion}, {@code choices[0].text})
 * @param tools the function tools offered and {@code tool_choice}; {@link ToolOffer#NONE} for a
 *     legacy completion
 * @param promptBlocks the prompt's block hashes for the prefix cache ({@link PromptBlocks}); empty
 *     when the cache is off
 * @param toolResults the {@code tool} messages that end the messages: results for the previous
 *     answer's tool calls ({@link ChatMessages#trailingToolResults}); 0 for a legacy completion
 */
record ChatRequest(
    int promptTokens,
    int maxTokens,
    int minTokens,
    boolean ignoreEos,
    boolean stream,
    boolean includeUsage,
    boolean textCompletion,
    ToolOffer tools,
    long[] promptBlocks,
    int toolResults) {

  static final int DEFAULT_OUTPUT_TOKENS = 16;

  /**
   * A context length, as real servers have: guards the simulator's memory against a huge
   * max_tokens.
   */
  static final int MAX_OUTPUT_TOKENS = 131_072;

  /** A request the simulator answers with an error instead of a completion. */
  static final class InvalidRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient OpenAiError error;

    InvalidRequestException(OpenAiError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }

    OpenAiError error() {
      return error;
    }
  }

  /**
   * Validates a body in the order real servers do: JSON syntax, required fields and their types,
   * then the model name (an unknown model is a 404, checked last).
   *
   * @param servedModel the one model this simulator serves; null to accept any name
   * @param counting how prompt tokens are counted
   * @param textCompletion whether the body is a legacy completion's ({@code prompt}) rather than a
   *     chat's ({@code messages})
   * @param prefixBlockTokens the prefix cache's block size; 0 when the cache is off
   */
  static ChatRequest parse(
      byte[] body,
      @Nullable String servedModel,
      PromptCounting counting,
      boolean textCompletion,
      int prefixBlockTokens)
      throws InvalidRequestException {
    JsonNode root = readJson(body);
    if (!root.isObject()) {
      throw new InvalidRequestException(OpenAiError.bodyNotAnObject(root));
    }
    String model = RequestFields.requireString(root.get("model"), "model");
    int promptTokens;
    long[] promptBlocks;
    int toolResults = 0;
    if (textCompletion) {
      // A single prompt string; OpenAI's batch forms (arrays of strings or tokens) are not served.
      String prompt = RequestFields.requireString(root.get("prompt"), "prompt");
      promptTokens = counting.countPrompt(prompt);
      promptBlocks = PromptBlocks.ofPrompt(prompt, counting.tokenizer(), prefixBlockTokens);
    } else {
      JsonNode messages = ChatMessages.validate(root.get("messages"));
      promptTokens = counting.countMessages(messages);
      promptBlocks = PromptBlocks.ofMessages(messages, counting.tokenizer(), prefixBlockTokens);
      toolResults = ChatMessages.trailingToolResults(messages);
    }
    int maxTokens = maxTokens(root);
    int minTokens = minTokens(root.get("min_tokens"), maxTokens);
    boolean ignoreEos = optionalBoolean("ignore_eos", root.get("ignore_eos"));
    boolean stream = optionalBoolean("stream", root.get("stream"));
    JsonNode options = root.get("stream_options");
    boolean includeUsage = false;
    if (options != null && !options.isNull()) {
      if (!options.isObject()) {
        throw new InvalidRequestException(
            OpenAiError.invalidType("stream_options", "an object", options));
      }
      includeUsage = optionalBoolean("stream_options.include_usage", options.get("include_usage"));
    }
    ToolOffer tools =
        textCompletion
            ? ToolOffer.NONE
            : ToolOffer.parse(root.get("tools"), root.get("tool_choice"));
    if (servedModel != null && !model.equals(servedModel)) {
      throw new InvalidRequestException(OpenAiError.modelNotFound(model));
    }
    return new ChatRequest(
        promptTokens,
        maxTokens,
        minTokens,
        ignoreEos,
        stream,
        includeUsage,
        textCompletion,
        tools,
        promptBlocks,
        toolResults);
  }

  private static JsonNode readJson(byte[] body) throws InvalidRequestException {
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      // An empty body reads as "missing", not as an exception.
      if (root == null || root.isMissingNode()) {
        throw new InvalidRequestException(OpenAiError.malformedJson());
      }
      return root;
    } catch (IOException e) {
      throw new InvalidRequestException(OpenAiError.malformedJson());
    }
  }

  /** {@code max_completion_tokens} wins over {@code max_tokens}, as in vLLM; both are validated. */
  private static int maxTokens(JsonNode root) throws InvalidRequestException {
    Integer maxTokens = optionalPositiveInt("max_tokens", root.get("max_tokens"));
    Integer maxCompletionTokens =
        optionalPositiveInt("max_completion_tokens", root.get("max_completion_tokens"));
    if (maxCompletionTokens != null) {
      return maxCompletionTokens;
    }
    return maxTokens != null ? maxTokens : DEFAULT_OUTPUT_TOKENS;
  }

  /** vLLM's checks: an integer, at least 0, at most max_tokens. */
  private static int minTokens(@Nullable JsonNode value, int maxTokens)
      throws InvalidRequestException {
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.isIntegralNumber()) {
      throw new InvalidRequestException(OpenAiError.invalidType("min_tokens", "an integer", value));
    }
    if (value.bigIntegerValue().signum() < 0) {
      throw new InvalidRequestException(OpenAiError.integerBelowMinimum("min_tokens", value, 0));
    }
    if (!value.canConvertToInt() || value.intValue() > maxTokens) {
      throw new InvalidRequestException(
          OpenAiError.integerAboveMaximum("min_tokens", value, maxTokens));
    }
    return value.intValue();
  }

  private static @Nullable Integer optionalPositiveInt(String param, @Nullable JsonNode value)
      throws InvalidRequestException {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      throw new InvalidRequestException(OpenAiError.invalidType(param, "an integer", value));
    }
    if (value.bigIntegerValue().signum() <= 0) {
      throw new InvalidRequestException(OpenAiError.integerBelowMinimum(param, value, 1));
    }
    if (!value.canConvertToInt() || value.intValue() > MAX_OUTPUT_TOKENS) {
      throw new InvalidRequestException(
          OpenAiError.integerAboveMaximum(param, value, MAX_OUTPUT_TOKENS));
    }
    return value.intValue();
  }

  private static boolean optionalBoolean(String param, @Nullable JsonNode value)
      throws InvalidRequestException {
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new InvalidRequestException(OpenAiError.invalidType(param, "a boolean", value));
    }
    return value.booleanValue();
  }
}
