package onlinebench.openai;

/**
 * Receives what an OpenAI chat-completions (or legacy completions) stream ({@code stream: true})
 * carries, in order, as {@link SseChatParser} finds it.
 *
 * <p>Calls arrive on the thread that feeds the parser (a Netty event loop in the Gatling action),
 * so implementations must be cheap and must not block. Within one event the order is: token chunk,
 * then finish reasons, then usage.
 */
public interface ChatStreamListener {

  /**
   * A chunk that carries generated text: a non-empty {@code delta.content}, {@code
   * delta.reasoning_content} or {@code delta.reasoning} in at least one choice, or a non-empty
   * {@code text} in a choice of a legacy completions stream. Called once per event, however many
   * choices carry text. Reasoning counts as a token, as vLLM's TTFT counts it.
   *
   * <p>A tool-call piece with a non-empty {@code function.name} or {@code function.arguments}
   * ({@code delta.tool_calls[i]}) is a token chunk too, and an answer one: it is text the model
   * generated, counted in {@code completion_tokens} (vLLM streams the call's id and name with its
   * first piece, then the arguments in fragments: vllm-project/vllm
   * vllm/entrypoints/openai/chat_completion/serving.py), so an answer of tool calls gets a time to
   * first token, inter-token gaps and a TPOT as a text answer does. A piece with only an {@code id}
   * or {@code index} carries no text. Text answers are unaffected: their chunks carry no tool
   * calls. (vLLM's own benchmark client, which reads only {@code content} and reasoning, would time
   * a tool-call answer without any token.)
   *
   * <p>Reasoning models stream their thinking before the answer, in a field beside {@code content}:
   * {@code reasoning_content} on llama.cpp (ggml-org/llama.cpp common/chat.cpp,
   * common_chat_msg_diff_to_json_oaicompat), SGLang (sgl-project/sglang
   * python/sglang/srt/entrypoints/openai/protocol.py, DeltaMessage) and older vLLM; {@code
   * reasoning} on current vLLM (vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py,
   * DeltaMessage, which also copies it into the deprecated {@code reasoning_content}) and on Ollama
   * (ollama/ollama openai/openai.go, Message.Reasoning, beside an empty {@code content}).
   *
   * @param arrivalNanos the {@link System#nanoTime()} stamped when the bytes holding the end of
   *     this event arrived
   * @param answer true when some choice carries answer text (a non-empty {@code content}, or {@code
   *     text}); false when the text is reasoning only
   */
  void onTokenChunk(long arrivalNanos, boolean answer);

  /**
   * The answer text a chunk carries: its {@code delta.content} (chat) or {@code text} (legacy
   * completions), concatenated over its choices; reasoning text is not answer text. Called after
   * {@link #onTokenChunk(long)} for the same event, and only by a parser created to read answers
   * ({@link SseChatParser#readingAnswers(ChatStreamListener)}): reading text costs a JSON parse of
   * every chunk, which the benchmark never pays.
   */
  default void onAnswerText(String text) {}

  /**
   * A piece of a streamed tool call ({@code delta.tool_calls[i]}), in order, after {@link
   * #onTokenChunk} for the same event; only from a parser created to read answers ({@link
   * SseChatParser#readingAnswers(ChatStreamListener)}), so the benchmark never decodes arguments.
   */
  default void onToolCallPiece(ToolCallDelta piece) {}

  /**
   * The usage object (normally in the last chunk, with empty {@code choices}).
   *
   * @param promptTokens {@code usage.prompt_tokens}, or -1 when absent or not an integer
   * @param completionTokens {@code usage.completion_tokens}, or -1 when absent or not an integer
   * @param reasoningTokens {@code usage.completion_tokens_details.reasoning_tokens} (OpenAI's
   *     place), else {@code usage.reasoning_tokens} (SGLang's: sgl-project/sglang
   *     python/sglang/srt/entrypoints/openai/protocol.py, UsageInfo); -1 when absent or null
   */
  void onUsage(long promptTokens, long completionTokens, long reasoningTokens);

  /**
   * The usage's {@code prompt_tokens_details.cached_tokens}: prompt tokens the server took from its
   * prefix cache. Called right after {@link #onUsage}, only when the count is there: OpenAI sends
   * it always, vLLM with {@code --enable-prompt-tokens-details}, llama.cpp always
   * (shared/wire/llama.cpp/chat-stream.txt); SGLang sends null details.
   */
  default void onCachedTokens(long cachedTokens) {}

  /** A choice's {@code finish_reason} became non-null ({@code "length"}, {@code "stop"}, ...). */
  void onFinishReason(String reason);

  /**
   * A {@code data: {"error": {...}}} event: the server reports an error mid-stream.
   *
   * @param message {@code error.message}; the error itself when it is a bare string; otherwise the
   *     raw event data, truncated to about 200 characters
   */
  void onStreamError(String message);

  /**
   * An event whose data is neither valid chunk JSON nor {@code [DONE]}, or whose data exceeded the
   * parser's size limit. It is never counted as a token chunk.
   *
   * @param detail what was wrong, truncated to about 200 characters
   */
  void onMalformedEvent(String detail);

  /** {@code data: [DONE]}: the server ended the stream normally. */
  void onDone();

  /**
   * The body ended in the middle of an event: per the SSE specification the pending bytes are
   * discarded, not dispatched. Tells the caller that the stream was cut.
   *
   * @param discardedBytes how many bytes of the unfinished event were dropped
   */
  void onIncompleteEvent(long discardedBytes);
}
