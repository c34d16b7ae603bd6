package onlinebench.metrics;

import org.HdrHistogram.Histogram;

/**
 * The sums behind {@link ReasoningStats}: what a run counted of its models' reasoning, kept so that
 * several load generators' counts and distributions add up exactly.
 *
 * @param tokens reasoning tokens over successful requests ({@link
 *     onlinebench.record.RequestRecord#reasoningTokenCount()}: the server's count, else the
 *     reasoning-only chunks)
 * @param requests successful requests with at least one reasoning token
 * @param countedFromChunks of those, the ones whose count came from chunks because the server gave
 *     none
 * @param timeNanos each streamed request's reasoning time (TTFO − TTFT) where it reasoned and then
 *     answered, ns; this state's own copy
 */
public record ReasoningTotals(
    long tokens, long requests, long countedFromChunks, Histogram timeNanos) {

  /** Nothing counted. */
  public static ReasoningTotals none() {
    return new ReasoningTotals(0, 0, 0, new Histogram(RecorderState.DIGITS));
  }

  /** Both parts together: counts summed, distributions added. */
  public ReasoningTotals plus(ReasoningTotals o) {
    Histogram time = new Histogram(RecorderState.DIGITS); // auto-resizing
    time.add(timeNanos);
    time.add(o.timeNanos);
    return new ReasoningTotals(
        tokens + o.tokens, requests + o.requests, countedFromChunks + o.countedFromChunks, time);
  }

  /** The figures the summary reports. */
  public ReasoningStats stats() {
    return new ReasoningStats(tokens, requests, countedFromChunks, LatencyStats.ofNanos(timeNanos));
  }
}
