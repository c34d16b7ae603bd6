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
 */
record Completion(
    String id,
    long createdEpochSeconds,
    String model,
    ChatRequest request,
    OutputLength length,
    boolean withUsage) {

  int outputTokens() {
    return length.tokens();
  }

  String finishReason() {
    return length.finishReason();
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
    String text = GeneratedText.text(outputTokens());
    if (textCompletion()) {
      choice.put("text", text);
      choice.putNull("logprobs");
    } else {
      ObjectNode message = choice.putObject("message");
      message.put("role", "assistant");
      message.put("content", text);
    }
    choice.put("finish_reason", finishReason());
    if (withUsage) {
      root.set("usage", usage());
    }
    return Json.bytes(root);
  }

  /** The SSE events of the streaming response. */
  StreamEvents streamEvents() {
    return new StreamEvents(this);
  }

  /**
   * A {@code chat.completion.chunk} with one choice. When the client asked for usage, OpenAI sends
   * {@code "usage": null} on every chunk before the usage chunk; otherwise the field is absent.
   */
  ObjectNode chunk(ObjectNode delta, @Nullable String finishReason) {
    ObjectNode root = header("chat.completion.chunk");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    if (streamUsage()) {
      root.putNull("usage");
    }
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
    if (streamUsage()) {
      root.putNull("usage");
    }
    return root;
  }

  /** The last chunk when usage was asked for: no choices, only usage. */
  ObjectNode usageChunk() {
    ObjectNode root = header(textCompletion() ? "text_completion" : "chat.completion.chunk");
    root.putArray("choices");
    root.set("usage", usage());
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
    return root;
  }

  private ObjectNode usage() {
    ObjectNode usage = Json.MAPPER.createObjectNode();
    usage.put("prompt_tokens", request.promptTokens());
    usage.put("completion_tokens", outputTokens());
    usage.put("total_tokens", (long) request.promptTokens() + outputTokens());
    return usage;
  }
}
