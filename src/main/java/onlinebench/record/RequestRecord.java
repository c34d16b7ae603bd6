package onlinebench.record;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * What happened to one measured request, timed with {@link System#nanoTime()}.
 *
 * @param startNanos when the request was handed to the client for writing (vLLM's start: just
 *     before the send)
 * @param endNanos when its last byte (non-streaming) or last chunk (streaming) arrived, or when it
 *     failed
 * @param firstTokenNanos arrival of the first chunk that carries generated text; streaming only
 * @param tokenChunkNanos arrival of every chunk that carries generated text, in order; empty when
 *     not streaming
 * @param promptTokens {@code usage.prompt_tokens}, absent without usage
 * @param completionTokens {@code usage.completion_tokens}, absent without usage
 * @param httpStatus the response status, 0 when no response arrived
 * @param error why it failed; empty for a success
 * @param errorMessage what the server or the client said about the failure, masked; empty on
 *     success
 * @param requestId the server's {@code x-request-id} response header, if it sent one: joins a
 *     request with the server's own logs (the simulator's truth log)
 * @param requestedMaxTokens the {@code max_tokens} the request asked for, when known
 * @param intendedStartNanos when the load model meant to send it: the arrival schedule's time in
 *     the open model, so latency can also be measured from it (no coordinated omission); startNanos
 *     in the closed model
 * @param connectionRetried true when the request was sent once more on a fresh connection because
 *     the pooled connection it first went out on failed before any byte of the answer (a server
 *     closing a kept-alive connection); it is then timed from that second send
 * @param firstAnswerNanos arrival of the first chunk that carries answer text (a non-empty {@code
 *     delta.content}, or {@code text} in a completions stream), as opposed to reasoning text only;
 *     streaming only. Equal to firstTokenNanos when the model did not reason first
 * @param reasoningChunks how many token-carrying chunks carried reasoning text only ({@code
 *     delta.reasoning_content} or {@code delta.reasoning}); 0 when not streaming
 * @param reasoningTokens the server's count of reasoning tokens ({@code
 *     usage.completion_tokens_details.reasoning_tokens}, or SGLang's {@code
 *     usage.reasoning_tokens}), absent when it sent none
 * @param cachedTokens prompt tokens the server served from its prefix cache ({@code
 *     usage.prompt_tokens_details.cached_tokens}), absent when it did not say: no details, or a
 *     null count
 * @param turn the request's turn in its session (1 for a conversation's first request), 0 when it
 *     belongs to no session
 */
public record RequestRecord(
    long startNanos,
    long endNanos,
    OptionalLong firstTokenNanos,
    long[] tokenChunkNanos,
    OptionalLong promptTokens,
    OptionalLong completionTokens,
    int httpStatus,
    Optional<ErrorKind> error,
    String errorMessage,
    Optional<String> requestId,
    OptionalInt requestedMaxTokens,
    long intendedStartNanos,
    boolean connectionRetried,
    OptionalLong firstAnswerNanos,
    int reasoningChunks,
    OptionalLong reasoningTokens,
    OptionalLong cachedTokens,
    int turn) {

  private static final long[] NO_CHUNKS = new long[0];

  /**
   * A successful stream without reasoning, sent when it was meant to be: its first token chunk is
   * its first answer chunk; ended by its last chunk.
   *
   * @param tokenChunkNanos arrival of every token-carrying chunk, at least one
   */
  public static RequestRecord streamed(
      long startNanos,
      long[] tokenChunkNanos,
      OptionalLong promptTokens,
      OptionalLong completionTokens) {
    if (tokenChunkNanos.length == 0) {
      throw new IllegalArgumentException("a streamed success has at least one token chunk");
    }
    return sentOnTime(
        startNanos,
        tokenChunkNanos[tokenChunkNanos.length - 1],
        tokenChunkNanos,
        promptTokens,
        completionTokens,
        200,
        Optional.empty(),
        "");
  }

  /** A successful non-streamed request. */
  public static RequestRecord completed(
      long startNanos, long endNanos, OptionalLong promptTokens, OptionalLong completionTokens) {
    return sentOnTime(
        startNanos, endNanos, NO_CHUNKS, promptTokens, completionTokens, 200, Optional.empty(), "");
  }

  /** A failed request of either mode. */
  public static RequestRecord failed(
      long startNanos, long endNanos, int httpStatus, ErrorKind kind, String message) {
    OptionalLong none = OptionalLong.empty();
    return sentOnTime(
        startNanos, endNanos, NO_CHUNKS, none, none, httpStatus, Optional.of(kind), message);
  }

  /**
   * A request sent when it was meant to be, not retried, without reasoning, its {@code max_tokens}
   * and request id unknown (the with* methods add them).
   */
  private static RequestRecord sentOnTime(
      long startNanos,
      long endNanos,
      long[] tokenChunkNanos,
      OptionalLong promptTokens,
      OptionalLong completionTokens,
      int httpStatus,
      Optional<ErrorKind> error,
      String errorMessage) {
    OptionalLong first =
        tokenChunkNanos.length == 0 ? OptionalLong.empty() : OptionalLong.of(tokenChunkNanos[0]);
    return new RequestRecord(
        startNanos,
        endNanos,
        first,
        tokenChunkNanos,
        promptTokens,
        completionTokens,
        httpStatus,
        error,
        errorMessage,
        Optional.empty(),
        OptionalInt.empty(),
        startNanos,
        false,
        first,
        0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        0);
  }

  /** This record with the server's request id. */
  public RequestRecord withRequestId(String id) {
    return edit(draft -> draft.requestId = Optional.of(id));
  }

  /** The same request with another error message (e.g. with a secret masked). */
  public RequestRecord withErrorMessage(String message) {
    return edit(draft -> draft.errorMessage = message);
  }

  /**
   * The same exchange, failed for {@code kind}: a success the scenario's checks refused keeps its
   * timings and token counts, but counts as an error.
   */
  public RequestRecord withError(ErrorKind kind, String message) {
    return edit(
        draft -> {
          draft.error = Optional.of(kind);
          draft.errorMessage = message;
        });
  }

  /** The same request with the {@code max_tokens} it asked for. */
  public RequestRecord withRequestedMaxTokens(int maxTokens) {
    return edit(draft -> draft.requestedMaxTokens = OptionalInt.of(maxTokens));
  }

  /** The same request, meant by the load model to be sent at {@code nanos}. */
  public RequestRecord withIntendedStart(long nanos) {
    return edit(draft -> draft.intendedStartNanos = nanos);
  }

  /** The same request, sent once more on a fresh connection (see {@code connectionRetried}). */
  public RequestRecord withConnectionRetried() {
    return edit(draft -> draft.connectionRetried = true);
  }

  /** The same request with the server's count of reasoning tokens (see {@code reasoningTokens}). */
  public RequestRecord withReasoningTokens(long tokens) {
    return edit(draft -> draft.reasoningTokens = OptionalLong.of(tokens));
  }

  /**
   * The same request with the server's count of cached prompt tokens (see {@code cachedTokens}).
   */
  public RequestRecord withCachedTokens(long tokens) {
    return edit(draft -> draft.cachedTokens = OptionalLong.of(tokens));
  }

  /** The same request, turn {@code index} (from 1) of its session. */
  public RequestRecord withTurn(int index) {
    if (index < 1) {
      throw new IllegalArgumentException("a session's turns count from 1, got " + index);
    }
    return edit(draft -> draft.turn = index);
  }

  private RequestRecord edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The components the with* methods change, so that one place lists every component. */
  private static final class Draft {
    private final RequestRecord from;
    Optional<ErrorKind> error;
    String errorMessage;
    Optional<String> requestId;
    OptionalInt requestedMaxTokens;
    long intendedStartNanos;
    boolean connectionRetried;
    OptionalLong reasoningTokens;
    OptionalLong cachedTokens;
    int turn;

    Draft(RequestRecord from) {
      this.from = from;
      error = from.error;
      errorMessage = from.errorMessage;
      requestId = from.requestId;
      requestedMaxTokens = from.requestedMaxTokens;
      intendedStartNanos = from.intendedStartNanos;
      connectionRetried = from.connectionRetried;
      reasoningTokens = from.reasoningTokens;
      cachedTokens = from.cachedTokens;
      turn = from.turn;
    }

    RequestRecord build() {
      return new RequestRecord(
          from.startNanos,
          from.endNanos,
          from.firstTokenNanos,
          from.tokenChunkNanos,
          from.promptTokens,
          from.completionTokens,
          from.httpStatus,
          error,
          errorMessage,
          requestId,
          requestedMaxTokens,
          intendedStartNanos,
          connectionRetried,
          from.firstAnswerNanos,
          from.reasoningChunks,
          reasoningTokens,
          cachedTokens,
          turn);
    }
  }

  /** How late the request was sent after its intended time (0 in the closed model). */
  public long sendLagNanos() {
    return startNanos - intendedStartNanos;
  }

  public boolean ok() {
    return error.isEmpty();
  }

  /** E2E latency: request written to last byte or last token chunk. */
  public long e2eNanos() {
    return endNanos - startNanos;
  }

  /** TTFT: request written to the first chunk that carries generated text. */
  public OptionalLong timeToFirstTokenNanos() {
    return firstTokenNanos.isPresent()
        ? OptionalLong.of(firstTokenNanos.getAsLong() - startNanos)
        : OptionalLong.empty();
  }

  /**
   * TTFO: request written to the first chunk that carries answer (non-reasoning) text; the same as
   * TTFT when the model did not reason first.
   */
  public OptionalLong timeToFirstAnswerNanos() {
    return firstAnswerNanos.isPresent()
        ? OptionalLong.of(firstAnswerNanos.getAsLong() - startNanos)
        : OptionalLong.empty();
  }

  /**
   * Reasoning time: TTFO − TTFT, for a stream that carried reasoning chunks and then an answer;
   * absent otherwise.
   */
  public OptionalLong reasoningNanos() {
    if (reasoningChunks == 0 || firstTokenNanos.isEmpty() || firstAnswerNanos.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(0, firstAnswerNanos.getAsLong() - firstTokenNanos.getAsLong()));
  }

  /**
   * Reasoning tokens: the server's count when it sent one, otherwise the reasoning-only chunks of
   * the stream; absent when neither exists. A server count of 0 beside reasoning chunks is not
   * believed: SGLang sends {@code "reasoning_tokens":0} by default (its UsageInfo), counted or not.
   */
  public OptionalLong reasoningTokenCount() {
    return reasoningTokensCountedFromChunks() ? OptionalLong.of(reasoningChunks) : reasoningTokens;
  }

  /** True when {@link #reasoningTokenCount()} had to count chunks: the server gave no count. */
  public boolean reasoningTokensCountedFromChunks() {
    return reasoningChunks > 0 && (reasoningTokens.isEmpty() || reasoningTokens.getAsLong() == 0);
  }

  /**
   * Output tokens: {@code usage.completion_tokens} when the server sent it, otherwise the number of
   * token-carrying chunks of a stream; absent for a non-streamed answer without usage.
   */
  public OptionalLong outputTokens() {
    if (completionTokens.isPresent()) {
      return completionTokens;
    }
    return tokenChunkNanos.length > 0
        ? OptionalLong.of(tokenChunkNanos.length)
        : OptionalLong.empty();
  }

  /** True when output tokens had to be counted from chunks because usage was missing. */
  public boolean outputTokensEstimated() {
    return completionTokens.isEmpty() && tokenChunkNanos.length > 0;
  }

  /**
   * True for a stream whose {@code usage.completion_tokens} differs from its number of
   * token-carrying chunks (servers that put several tokens in one chunk, e.g. speculative
   * decoding).
   */
  public boolean usageDisagreesWithChunks() {
    return completionTokens.isPresent()
        && tokenChunkNanos.length > 0
        && completionTokens.getAsLong() != tokenChunkNanos.length;
  }

  /** This request's output tokens per second, send to last token; absent without a count. */
  public OptionalDouble outputTokensPerSecond() {
    OptionalLong tokens = outputTokens();
    long nanos = e2eNanos();
    if (tokens.isEmpty() || nanos <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(tokens.getAsLong() * 1e9 / nanos);
  }

  /**
   * TPOT: (e2el − ttft) / (output tokens − 1), for a streamed request with more than one output
   * token.
   */
  public OptionalLong timePerOutputTokenNanos() {
    OptionalLong ttft = timeToFirstTokenNanos();
    OptionalLong tokens = outputTokens();
    if (ttft.isEmpty() || tokens.isEmpty() || tokens.getAsLong() < 2) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((e2eNanos() - ttft.getAsLong()) / (tokens.getAsLong() - 1));
  }
}
