package onlinebench.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import onlinebench.config.slo.LatencyStat;
import onlinebench.config.slo.SloClause;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.Goodput;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.Summary;
import onlinebench.record.RequestRecord;

/**
 * Checks the parsed objectives of {@code -Dslo} against what a run measured: each gate against the
 * run's {@link Summary}, and the per-request clauses against each request (which requests are good,
 * for goodput).
 */
public final class SloEvaluation {
  private SloEvaluation() {}

  /**
   * The per-request test of a good request: a success that meets every per-request clause; empty
   * when there is no per-request clause (then no goodput is computed). A streamed success without a
   * first token is not good; see {@link onlinebench.record.LatencyMetric#perRequestForSlo}.
   */
  public static Optional<Predicate<RequestRecord>> goodRequest(SloSet slo) {
    List<SloClause> perRequest = slo.clauses().stream().filter(SloClause::perRequest).toList();
    if (perRequest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        request -> request.ok() && perRequest.stream().allMatch(c -> meets(c, request)));
  }

  private static boolean meets(SloClause clause, RequestRecord request) {
    OptionalLong nanos = clause.latency().orElseThrow().perRequestForSlo(request);
    return nanos.isPresent()
        && nanos.getAsLong() >= 0
        && clause.comparison().holds(nanos.getAsLong() / 1e6, clause.threshold());
  }

  /** Checks every clause against a run's figures. */
  public static SloReport evaluate(SloSet slo, Summary summary) {
    List<SloResult> results = new ArrayList<>();
    for (SloClause clause : slo.clauses()) {
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
      case LATENCY ->
          statistic(clause.stat().orElseThrow(), s.latency(clause.latency().orElseThrow()));
      case ERROR_PERCENT -> s.total() == 0 ? Double.NaN : 100.0 * s.failed() / s.total();
      case ERROR_COUNT -> s.failed();
      case REQUEST_THROUGHPUT -> s.requestThroughput();
      case OUTPUT_THROUGHPUT -> s.outputThroughput();
      case TOTAL_TOKEN_THROUGHPUT -> s.totalTokenThroughput();
      case GOODPUT -> goodput == null ? Double.NaN : goodput.requestGoodput();
      case GOOD_REQUEST_FRACTION -> goodput == null ? Double.NaN : 100 * goodput.goodFraction();
    };
  }

  /** The statistic's value in milliseconds; NaN when the metric has no values. */
  static double statistic(LatencyStat stat, LatencyStats stats) {
    if (stats == null) {
      return Double.NaN;
    }
    return switch (stat) {
      case MEAN -> stats.meanMs();
      case MEDIAN -> stats.medianMs();
      case P90 -> stats.p90Ms();
      case P95 -> stats.p95Ms();
      case P99 -> stats.p99Ms();
      case P99_9 -> stats.p999Ms();
      case MAX -> stats.maxMs();
    };
  }
}
