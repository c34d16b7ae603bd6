package onlinebench.metrics;

import org.jspecify.annotations.Nullable;

/**
 * How much the model reasoned before answering.
 *
 * <p>Reasoning time is kept as a distribution of per-request differences (TTFO − TTFT of the same
 * request), not as the difference of the TTFO and TTFT figures: means subtract, but medians and
 * percentiles do not, and a request's thinking time is what varies with the prompt.
 *
 * @param totalTokens reasoning tokens over successful requests: the server's count ({@code
 *     usage.completion_tokens_details.reasoning_tokens}) where it sent one, else reasoning-only
 *     chunks
 * @param requests successful requests that reasoned (at least one reasoning token)
 * @param countedFromChunks of those, requests whose reasoning tokens were counted from chunks
 * @param time reasoning time (TTFO − TTFT) over streamed requests that reasoned and then answered;
 *     null when there is none
 */
public record ReasoningStats(
    long totalTokens, long requests, long countedFromChunks, @Nullable LatencyStats time) {

  /** No reasoning at all. */
  public static final ReasoningStats NONE = new ReasoningStats(0, 0, 0, null);

  /** True when any request reasoned. */
  public boolean any() {
    return requests > 0;
  }
}
