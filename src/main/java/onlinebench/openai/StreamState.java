package onlinebench.openai;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import onlinebench.prompt.ToolCall;

/**
 * What one SSE chat stream has carried so far, as {@link SseChatParser} reports it: the arrival
 * time of every token-carrying chunk, the first one carrying answer text and how many carried
 * reasoning only, the usage, and whether the stream ended properly; and, when kept, the answer's
 * text and tool calls.
 */
final class StreamState implements ChatStreamListener {
  private final StringBuilder answer;
  private final ToolCallAssembly toolCalls;
  private long[] tokenChunkNanos;
  private int tokenChunks;
  private long firstAnswerNanos = -1;
  private int reasoningChunks;
  private long promptTokens = -1;
  private long completionTokens = -1;
  private long reasoningTokens = -1;
  private long cachedTokens = -1;
  private boolean done;
  private String failure;

  /**
   * @param expectedChunks a size hint ({@code max_tokens}) so the arrival array rarely grows
   * @param keepsAnswer whether to keep the answer text the parser hands over
   */
  StreamState(int expectedChunks, boolean keepsAnswer) {
    answer = keepsAnswer ? new StringBuilder() : null;
    toolCalls = keepsAnswer ? new ToolCallAssembly() : null;
    tokenChunkNanos = new long[Math.max(16, Math.min(expectedChunks + 1, 1 << 20))];
  }

  @Override
  public void onTokenChunk(long arrivalNanos, boolean answer) {
    if (tokenChunks == tokenChunkNanos.length) {
      tokenChunkNanos = Arrays.copyOf(tokenChunkNanos, tokenChunks * 2);
    }
    tokenChunkNanos[tokenChunks++] = arrivalNanos;
    if (!answer) {
      reasoningChunks++;
    } else if (firstAnswerNanos < 0) {
      firstAnswerNanos = arrivalNanos;
    }
  }

  @Override
  public void onAnswerText(String text) {
    if (answer != null) {
      answer.append(text);
    }
  }

  @Override
  public void onToolCallPiece(ToolCallDelta piece) {
    if (toolCalls != null) {
      toolCalls.add(piece);
    }
  }

  /** The tool calls streamed so far, pieces joined by index; empty when none or not kept. */
  List<ToolCall> toolCalls() {
    return toolCalls == null ? List.of() : toolCalls.calls();
  }

  /** The answer's text so far: the chunks' {@code delta.content} in order; null when not kept. */
  String answer() {
    return answer == null ? null : answer.toString();
  }

  @Override
  public void onUsage(long prompt, long completion, long reasoning) {
    promptTokens = prompt;
    completionTokens = completion;
    reasoningTokens = reasoning;
  }

  @Override
  public void onCachedTokens(long cached) {
    cachedTokens = cached;
  }

  @Override
  public void onFinishReason(String reason) {
    // the reason does not change any figure: "length" and "stop" are both successes
  }

  @Override
  public void onStreamError(String message) {
    failOnce("the server sent an error event: " + message);
  }

  @Override
  public void onMalformedEvent(String detail) {
    failOnce("malformed stream event: " + detail);
  }

  @Override
  public void onDone() {
    done = true;
  }

  @Override
  public void onIncompleteEvent(long discardedBytes) {
    // a cut stream shows as a missing [DONE]; the partial event is rightly not counted
  }

  private void failOnce(String message) {
    if (failure == null) {
      failure = message;
    }
  }

  /** The first error or malformed event, if any: such a stream is a bad response. */
  String failure() {
    return failure;
  }

  boolean done() {
    return done;
  }

  int tokenChunks() {
    return tokenChunks;
  }

  long[] tokenChunkNanos() {
    return Arrays.copyOf(tokenChunkNanos, tokenChunks);
  }

  OptionalLong firstTokenNanos() {
    return tokenChunks == 0 ? OptionalLong.empty() : OptionalLong.of(tokenChunkNanos[0]);
  }

  OptionalLong lastTokenNanos() {
    return tokenChunks == 0
        ? OptionalLong.empty()
        : OptionalLong.of(tokenChunkNanos[tokenChunks - 1]);
  }

  /** The first chunk carrying answer text; empty when the stream had none (reasoning only). */
  OptionalLong firstAnswerNanos() {
    return firstAnswerNanos < 0 ? OptionalLong.empty() : OptionalLong.of(firstAnswerNanos);
  }

  /** Token chunks that carried reasoning text only. */
  int reasoningChunks() {
    return reasoningChunks;
  }

  OptionalLong reasoningTokens() {
    return reasoningTokens < 0 ? OptionalLong.empty() : OptionalLong.of(reasoningTokens);
  }

  OptionalLong cachedTokens() {
    return cachedTokens < 0 ? OptionalLong.empty() : OptionalLong.of(cachedTokens);
  }

  OptionalLong promptTokens() {
    return promptTokens < 0 ? OptionalLong.empty() : OptionalLong.of(promptTokens);
  }

  OptionalLong completionTokens() {
    return completionTokens < 0 ? OptionalLong.empty() : OptionalLong.of(completionTokens);
  }
}
