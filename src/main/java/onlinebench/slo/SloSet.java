package onlinebench.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import onlinebench.metrics.Goodput;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.Summary;
import onlinebench.record.RequestRecord;

/**
 * The service-level objectives of {@code -Dslo}: gates checked against a finished run's {@link
 * Summary}, and per-request clauses that say which requests are good (goodput, as vLLM's {@code
 * --goodput}).
 *
 * @param clauses in the order written
 */
public record SloSet(List<SloClause> clauses) {
  /** No objectives: every run passes, no goodput is computed. */
  public static final SloSet NONE = new SloSet(List.of());

  /** The accepted grammar, for messages that reject a clause. */
  public static final String GRAMMAR =
      "comma-separated clauses, each one of: ttft|tpot|itl|e2el.STAT<DURATION (STAT: mean, median,"
          + " p50, p90, p95, p99, p99.9, max; DURATION: 800us, 500ms, 2s), ttft|tpot|e2el<DURATION"
          + " (per request: defines a good request for goodput), errors<N% or errors<N,"
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

  /** Whether any clause needs streamed requests (TTFT, TPOT, ITL exist only then). */
  public boolean needsStreaming() {
    return clauses.stream()
        .anyMatch(
            c ->
                c.quantity() == Quantity.TTFT
                    || c.quantity() == Quantity.TPOT
                    || c.quantity() == Quantity.ITL);
  }

  /**
   * The per-request test of a good request: a success that meets every per-request clause; empty
   * when there is no per-request clause (then no goodput is computed). A request with a single
   * output token has a TPOT of 0, as in vLLM; a streamed success without a first token is not good.
   */
  public Optional<Predicate<RequestRecord>> goodRequest() {
    List<SloClause> perRequest = clauses.stream().filter(SloClause::perRequest).toList();
    if (perRequest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        request -> request.ok() && perRequest.stream().allMatch(c -> meets(c, request)));
  }

  private static boolean meets(SloClause clause, RequestRecord request) {
    long nanos =
        switch (clause.quantity()) {
          case TTFT -> request.timeToFirstTokenNanos().orElse(-1);
          case TPOT -> request.timePerOutputTokenNanos().orElse(0);
          default -> request.e2eNanos();
        };
    return nanos >= 0 && clause.comparison().holds(nanos / 1e6, clause.threshold());
  }

  /** Checks every clause against a run's figures. */
  public SloReport evaluate(Summary summary) {
    List<SloResult> results = new ArrayList<>();
    for (SloClause clause : clauses) {
      if (clause.perRequest()) {
        results.add(new SloResult(clause, Double.NaN, Verdict.PER_REQUEST));
        continue;
      }
      double measured = measure(clause, summary);
      boolean pass =
          !Double.isNaN(measured) && clause.comparison().holds(measured, clause.threshold());
      results.add(new SloResult(clause, measured, pass ? Verdict.PASS : Verdict.FAIL));
    }
    return new SloReport(results);
  }

  private static double measure(SloClause clause, Summary s) {
    Goodput goodput = s.goodput();
    return switch (clause.quantity()) {
      case TTFT -> latency(clause, s.ttft());
      case TPOT -> latency(clause, s.tpot());
      case ITL -> latency(clause, s.itl());
      case E2EL -> latency(clause, s.e2el());
      case ERROR_PERCENT -> s.total() == 0 ? Double.NaN : 100.0 * s.failed() / s.total();
      case ERROR_COUNT -> s.failed();
      case REQUEST_THROUGHPUT -> s.requestThroughput();
      case OUTPUT_THROUGHPUT -> s.outputThroughput();
      case TOTAL_TOKEN_THROUGHPUT -> s.totalTokenThroughput();
      case GOODPUT -> goodput == null ? Double.NaN : goodput.requestGoodput();
      case GOOD_REQUEST_FRACTION -> goodput == null ? Double.NaN : 100 * goodput.goodFraction();
    };
  }

  private static double latency(SloClause clause, LatencyStats stats) {
    return stats == null ? Double.NaN : clause.stat().orElseThrow().of(stats);
  }
}
