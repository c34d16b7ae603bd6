package onlinebench.metrics;

import java.util.OptionalDouble;

/**
 * The run so far, for the live progress line.
 *
 * @param done measured requests finished, succeeded or failed
 * @param failed of those, how many failed
 * @param outputTokens output tokens received so far
 * @param totalTokens input plus output tokens so far
 * @param elapsedNanos since the first measured request was sent; 0 before that
 * @param recentTtftMedianMs median TTFT of the requests that finished since the last snapshot
 */
public record ProgressSnapshot(
    long done,
    long failed,
    long outputTokens,
    long totalTokens,
    long elapsedNanos,
    OptionalDouble recentTtftMedianMs) {}
