package onlinebench.config.slo;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import onlinebench.record.LatencyMetric;

/**
 * The service-level objectives of {@code -Dslo}, parsed: gates on a finished run's figures, and
 * per-request clauses that say which requests are good (goodput, as vLLM's {@code --goodput}).
 * Checking them against a run is {@code onlinebench.slo.SloEvaluation}'s job.
 *
 * @param clauses in the order written
 */
public record SloSet(List<SloClause> clauses) {
  /** No objectives: every run passes, no goodput is computed. */
  public static final SloSet NONE = new SloSet(List.of());

  /** The accepted grammar, for messages that reject a clause. */
  public static final String GRAMMAR =
      "comma-separated clauses, each one of: "
          + keys(LatencyMetric.values())
          + ".STAT<DURATION (STAT: mean, median, p50, p90, p95, p99, p99.9, max; DURATION: 800us,"
          + " 500ms, 2s), "
          + keys(
              Arrays.stream(LatencyMetric.values())
                  .filter(LatencyMetric::hasPerRequestValue)
                  .toArray(LatencyMetric[]::new))
          + "<DURATION (per request: defines a good request for goodput), errors<N% or errors<N,"
          + " request_throughput|output_throughput|total_token_throughput|goodput>N (per second),"
          + " good_request_fraction>N%; <= and >= work too";

  public SloSet {
    clauses = List.copyOf(clauses);
  }

  /**
   * Parses {@code -Dslo}'s value; blank means {@link #NONE}.
   *
   * @throws SloSyntaxException naming the first clause that does not follow {@link #GRAMMAR}
   */
  public static SloSet parse(String text) {
    return new SloSet(SloParser.parse(text));
  }

  public boolean isEmpty() {
    return clauses.isEmpty();
  }

  /** The clauses as one string, as they were written. */
  public String text() {
    return String.join(",", clauses.stream().map(SloClause::text).toList());
  }

  /** Whether any clause names a latency that exists only for streamed requests. */
  public boolean needsStreaming() {
    return clauses.stream()
        .anyMatch(c -> c.latency().map(LatencyMetric::streamingOnly).orElse(false));
  }

  /** The latencies that exist only for streamed requests, as a clause names them: ttft, tpot... */
  public static String streamingOnlyNames() {
    return Arrays.stream(LatencyMetric.values())
        .filter(LatencyMetric::streamingOnly)
        .map(LatencyMetric::key)
        .collect(Collectors.joining(", "));
  }

  private static String keys(LatencyMetric[] metrics) {
    return Arrays.stream(metrics).map(LatencyMetric::key).collect(Collectors.joining("|"));
  }
}
