package onlinebench.simulator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jspecify.annotations.Nullable;

/**
 * What the simulator did for one chat request: one line of the ground-truth log ({@code
 * sim.truthLog}, field names in snake_case, read by the benchmark scripts), and what {@link
 * SimulatorServer#takeRequest()} returns. All times are {@link System#nanoTime()} readings
 * (CLOCK_MONOTONIC on Linux, so comparable with a client's readings in another JVM on the same
 * machine). The {@code chunkNanos} array is shared with the log writer: read it, do not change it.
 *
 * @param id the completion id ({@code chatcmpl-sim-<n>}); error responses get one too, sent in the
 *     {@code x-request-id} header
 * @param arrivalNanos when the full request had been read
 * @param status the HTTP status sent; null when no status line was sent (faults {@code reset} and
 *     {@code stall})
 * @param stream whether the response was streamed; null for error responses
 * @param promptTokens the simulator's prompt count; null for error responses
 * @param completionTokens tokens actually written: for a stream, the token events sent (fewer than
 *     the completion's when cut or aborted; the {@code malformed} fault's broken event counts); for
 *     a plain body, all its tokens once the whole body was written, else 0
 * @param chunkNanos just before each token-carrying write: one per token when streaming (all equal
 *     in whole delivery), one for the body of a non-streaming response, none for errors
 * @param endNanos just after the last write (or when the abort was noticed)
 * @param aborted the client (or the server's shutdown) closed the connection before the response
 *     was complete; a fault's own early close is not an abort
 * @param fault the injected fault's kind ({@link Fault#kind()}), null for none
 * @param queuedNanos time waiting for a sequence slot ({@code sim.maxSequences}) before prefill; 0
 *     when a slot was free and for errors
 * @param finishReason {@code stop}, {@code length} or {@code tool_calls} once the finish chunk or
 *     the body was sent; null otherwise
 * @param reasoningTokens of completionTokens, how many were reasoning ({@code sim.reasoningTokens})
 * @param toolCall whether the answer was a tool call ({@link ToolCallAnswer}) instead of text
 * @param cachedTokens prompt tokens found in the prefix cache, which skipped prefill ({@code
 *     sim.prefixCache}); 0 when the cache is off and for errors
 * @param toolResults the {@code tool} messages that ended the request's messages: the results it
 *     sent back for the previous answer's tool calls; 0 for none and for errors
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TruthRecord(
    String id,
    long arrivalNanos,
    @Nullable Integer status,
    @Nullable Boolean stream,
    @Nullable Integer promptTokens,
    int completionTokens,
    long[] chunkNanos,
    long endNanos,
    boolean aborted,
    @Nullable String fault,
    long queuedNanos,
    @Nullable String finishReason,
    int reasoningTokens,
    boolean toolCall,
    int cachedTokens,
    int toolResults) {

  /**
   * A request answered with no completion: an error response, or a fault ({@code reset}, {@code
   * stall}) that sent no token.
   */
  static TruthRecord unanswered(
      String id,
      long arrivalNanos,
      @Nullable Integer status,
      @Nullable Boolean stream,
      @Nullable Integer promptTokens,
      long endNanos,
      boolean aborted,
      @Nullable String fault) {
    return new TruthRecord(
        id,
        arrivalNanos,
        status,
        stream,
        promptTokens,
        0,
        new long[0],
        endNanos,
        aborted,
        fault,
        0,
        null,
        0,
        false,
        0,
        0);
  }

  static TruthRecord error(
      String id, long arrivalNanos, int status, long endNanos, @Nullable Fault fault) {
    return unanswered(
        id, arrivalNanos, status, null, null, endNanos, false, fault == null ? null : fault.kind());
  }
}
