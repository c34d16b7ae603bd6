package onlinebench.metrics;

import org.jspecify.annotations.Nullable;

/**
 * One turn index's figures over every session of a run: turn 1 against later turns shows what a
 * growing history (and a prefix cache) does to latency.
 *
 * @param turn the turn index, from 1
 * @param requests requests sent as this turn, succeeded or failed
 * @param ttft TTFT of its successful requests; null without a streamed success
 * @param e2el E2E latency of its successful requests; null without a success
 * @param meanPromptTokens mean {@code usage.prompt_tokens}; null when no success carried it
 * @param meanCachedTokens mean cached prompt tokens; null when the server reported none
 */
public record TurnStats(
    int turn,
    long requests,
    @Nullable LatencyStats ttft,
    @Nullable LatencyStats e2el,
    @Nullable Double meanPromptTokens,
    @Nullable Double meanCachedTokens) {}
