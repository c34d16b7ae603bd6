package onlinebench.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The one completion produced for a valid chat request, and its bytes on the wire in OpenAI's
 * format: {@code chat.completion} with {@code choices[0].message}, or for the legacy completions
 * endpoint {@code text_completion} with {@code choices[0].text} (streamed chunks too). Every JSON
 * document is built with Jackson, so ids and model names are always escaped properly.
 *
 * @param id {@code chatcmpl-sim-<n>} ({@code cmpl-sim-<n>} for a legacy completion), n counting
 *     requests from 1
 * @param createdEpochSeconds the {@code created} field
 * @param model the served model name
 * @param request the validated request
 * @param length how many tokens it has and why it ended
 * @param withUsage whether a {@code usage} object is sent (false for the {@code nousage} fault);
 *     when streaming, only if the request also asked for it
 * @param wire the server family's shape of bodies and chunks ({@link ServerProfile})
 * @param timings llama.cpp's {@code timings} beside usage, when the shape has them
 * @param toolCall the function call that replaces the text, null for a text answer
 * @param cachedPromptTokens prompt tokens served from the prefix cache (0 when it is off)
 * @param reportCachedTokens whether usage says so in {@code prompt_tokens_details.cached_tokens}:
 *     with the cache on, in every family that has the field; when false, usage is as it always was
 */
record Completion(
    String id,
    long createdEpochSeconds,
    String model,
    ChatRequest request,
    OutputLength length,
    boolean withUsage,
    WireShape wire,
    LlamaTimings timings,
    @Nullable ToolCallAnswer toolCall,
    int cachedPromptTokens,
    boolean reportCachedTokens) {

  /** Completion tokens, reasoning included. */
  int outputTokens() {
    return length.tokens();
  }

  /** The first {@link #outputTokens()} that are reasoning; 0 for a model that answers at once. */
  int reasoningTokens() {
    return length.reasoningTokens();
  }

  /** {@code tool_calls} for a tool call, whatever ended it (as vLLM); else stop or length. */
  String finishReason() {
    return toolCall != null ? ToolCallAnswer.FINISH_REASON : length.finishReason();
  }

  /** Whether streamed chunks carry usage: the client asked and no fault removes it. */
  boolean streamUsage() {
    return withUsage && request.includeUsage();
  }

  /** Whether this answers the legacy completions endpoint. */
  boolean textCompletion() {
    return request.textCompletion();
  }

  /**
   * The non-streaming response body ({@code "object":"chat.completion"}, or {@code
   * "text_completion"}).
   */
  byte[] body() {
    ObjectNode root = header(textCompletion() ? "text_completion" : "chat.completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    if (textCompletion()) {
      choice.put("text", GeneratedText.text(outputTokens()));
      choice.putNull("logprobs");
    } else {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      if (toolCall != null) {
        toolCall.putMessage(message);
      } else {
        message.put("content", GeneratedText.text(outputTokens() - reasoningTokens()));
      }
      if (reasoningTokens() > 0) {
        message.put(wire.reasoning().field(), GeneratedText.text(reasoningTokens()));
      }
    }
    choice.put("finish_reason", finishReason());
    if (withUsage) {
      putUsage(root);
    }
    return Json.bytes(root);
  }

  /** The SSE events of the streaming response. */
  StreamEvents streamEvents() {
    return new StreamEvents(this);
  }

  /**
   * A {@code chat.completion.chunk} with one choice. When the client asked for usage, OpenAI sends
   * {@code "usage": null} on every chunk before the usage chunk; otherwise the field is absent
   * (other families: {@link WireShape#nullUsage()}).
   */
  ObjectNode chunk(ObjectNode delta, @Nullable String finishReason) {
    ObjectNode root = header("chat.completion.chunk");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    putNullUsage(root);
    return root;
  }

  /**
   * A legacy completions chunk ({@code "object":"text_completion"}) with one choice carrying {@code
   * text}; {@code "usage": null} as in {@link #chunk}.
   */
  ObjectNode textChunk(String text, @Nullable String finishReason) {
    ObjectNode root = header("text_completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.put("text", text);
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason);
    putNullUsage(root);
    return root;
  }

  /**
   * The legacy completions finish chunk carrying usage (and timings) itself, for families that send
   * no separate usage chunk there ({@link WireShape#textUsageOnFinishChunk()}).
   */
  ObjectNode textFinishWithUsage() {
    ObjectNode root = textChunk("", finishReason());
    root.remove("usage");
    putUsage(root);
    return root;
  }

  /** The last chunk when usage was asked for: no choices, only usage. */
  ObjectNode usageChunk() {
    ObjectNode root = header(textCompletion() ? "text_completion" : "chat.completion.chunk");
    root.putArray("choices");
    putUsage(root);
    return root;
  }

  ObjectNode newDelta() {
    return Json.MAPPER.createObjectNode();
  }

  private ObjectNode header(String object) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("id", id);
    root.put("object", object);
    root.put("created", createdEpochSeconds);
    root.put("model", model);
    if (wire.systemFingerprint() != null) {
      root.put("system_fingerprint", wire.systemFingerprint());
    }
    return root;
  }

  private void putNullUsage(ObjectNode chunk) {
    boolean nullUsage =
        switch (wire.nullUsage()) {
          case ABSENT -> false;
          case WHEN_INCLUDE_USAGE -> streamUsage();
          case ALWAYS -> true;
        };
    if (nullUsage) {
      chunk.putNull("usage");
    }
  }

  /** {@code usage}, and llama.cpp's {@code timings} beside it when the shape has them. */
  private void putUsage(ObjectNode root) {
    ObjectNode usage = root.putObject("usage");
    usage.put("prompt_tokens", request.promptTokens());
    usage.put("completion_tokens", outputTokens());
    usage.put("total_tokens", (long) request.promptTokens() + outputTokens());
    switch (wire.usageExtras()) {
      case NONE -> {}
      case CACHED_TOKENS -> usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
      case NULL_DETAILS_AND_REASONING -> {
        usage.putNull("prompt_tokens_details");
        usage.put("reasoning_tokens", 0);
      }
    }
    if (reportCachedTokens) {
      // Where it was null or absent too: vLLM (--enable-prompt-tokens-details) and SGLang report
      // cached_tokens here when their prefix cache is on, as OpenAI always does.
      usage.putObject("prompt_tokens_details").put("cached_tokens", cachedPromptTokens);
    }
    if (reasoningTokens() > 0) {
      switch (wire.reasoning().count()) {
        case NONE -> {}
        case DETAILS ->
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens());
        case TOP_LEVEL -> usage.put("reasoning_tokens", reasoningTokens());
      }
    }
    if (wire.timings()) {
      root.set("timings", timings.toJson());
    }
  }
}
