package onlinebench.simulator;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.jspecify.annotations.Nullable;

/**
 * One line of the ground-truth log ({@code sim.truthLog}): what the simulator did for one chat
 * request. All times are {@link System#nanoTime()} readings (CLOCK_MONOTONIC on Linux, so
 * comparable with a client's readings in another JVM on the same machine).
 *
 * @param id the completion id ({@code chatcmpl-sim-<n>}); error responses get one too, sent in the
 *     {@code x-request-id} header
 * @param arrivalNanos when the full request had been read
 * @param status the HTTP status sent
 * @param stream whether the response was streamed; null for error responses
 * @param promptTokens the simulator's prompt count; null for error responses
 * @param completionTokens tokens actually written (fewer than asked when the client went away)
 * @param chunkNanos just before each token-carrying write: one per token when streaming (all equal
 *     in whole delivery), one for the body of a non-streaming response, none for errors
 * @param endNanos just after the last write (or when the abort was noticed)
 * @param aborted the connection closed before the response was complete
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TruthRecord(
    String id,
    long arrivalNanos,
    int status,
    @Nullable Boolean stream,
    @Nullable Integer promptTokens,
    int completionTokens,
    long[] chunkNanos,
    long endNanos,
    boolean aborted) {

  static TruthRecord error(String id, long arrivalNanos, int status, long endNanos) {
    return new TruthRecord(id, arrivalNanos, status, null, null, 0, new long[0], endNanos, false);
  }
}
