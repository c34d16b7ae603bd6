package onlinebench.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a finished (or stopped) run. Throughputs divide by the measured phase's wall time:
 * first measured request sent to last measured response done. Latency stats are null where no value
 * exists (TTFT, TTFO, TPOT and ITL without streaming; anything when nothing succeeded).
 *
 * @param durationSeconds the measured phase's wall time
 * @param completed requests that succeeded
 * @param failed requests that failed, of any kind
 * @param totalInputTokens sum of {@code usage.prompt_tokens} over successful requests that had it
 * @param totalOutputTokens sum of output tokens over successful requests that had a count
 * @param latencies each {@link LatencyMetric}'s stats over successful requests; a metric without
 *     values is absent (read it with {@link #latency})
 * @param requestOutputThroughput each successful request's output tokens per second
 * @param errors failed requests by kind; every kind present, zero included; adds up to failed
 * @param missingUsage successful responses that carried no usage object
 * @param estimatedOutputTokens successful streams whose output tokens were counted from chunks
 * @param usageChunkMismatches successful streams whose usage count differs from their chunk count
 * @param connectionRetries requests sent once more on a fresh connection because a pooled one
 *     failed before any byte of the answer; each is counted once in completed or failed too
 * @param unfinished requests sent but not finished when the summary was taken: 0 for a run that
 *     ended normally, the in-flight ones for a run stopped early; counted in neither completed nor
 *     failed
 * @param lengths prompt and answer lengths per request, requested and counted
 * @param reasoning reasoning tokens and reasoning time; {@link ReasoningStats#NONE} without any
 * @param goodput requests that met every per-request SLO clause; null when -Dslo has none
 * @param prefixCache cached prompt tokens as the server reported them, and the hit rate
 * @param sessions a session workload's figures; null for a run without sessions
 * @param load latency from the intended send time, send lag, requests in flight at a deadline
 */
public record Summary(
    double durationSeconds,
    long completed,
    long failed,
    long totalInputTokens,
    long totalOutputTokens,
    double requestThroughput,
    double outputThroughput,
    double totalTokenThroughput,
    Map<LatencyMetric, LatencyStats> latencies,
    RateStats requestOutputThroughput,
    Map<ErrorKind, Long> errors,
    long missingUsage,
    long estimatedOutputTokens,
    long usageChunkMismatches,
    long connectionRetries,
    long unfinished,
    LengthStats lengths,
    ReasoningStats reasoning,
    Goodput goodput,
    PrefixCacheTotals prefixCache,
    @Nullable SessionStats sessions,
    LoadStats load) {

  public Summary {
    errors = Map.copyOf(errors);
    Map<LatencyMetric, LatencyStats> copy = new EnumMap<>(LatencyMetric.class);
    copy.putAll(latencies);
    latencies = Collections.unmodifiableMap(copy);
  }

  /** The metric's stats; null when it has no value (no success, or not streamed). */
  public LatencyStats latency(LatencyMetric metric) {
    return latencies.get(metric);
  }

  /** Every request the run measured, succeeded or failed. */
  public long total() {
    return completed + failed;
  }
}
