package onlinebench.gatling;

import static io.gatling.javaapi.core.CoreDsl.details;

import io.gatling.javaapi.core.Assertion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import onlinebench.config.slo.Comparison;
import onlinebench.config.slo.LatencyStat;
import onlinebench.config.slo.SloClause;
import onlinebench.config.slo.SloSet;
import onlinebench.record.LatencyMetric;

/**
 * The SLO clauses Gatling's own stats can check, as Gatling assertions: E2E latency and failures on
 * the request entry, TTFT on the {@code TTFT} entry. Gatling then prints and reports them and exits
 * 2 when one fails. Its stats are whole milliseconds and include failed requests in the latencies,
 * so a bound is rounded up to the next millisecond (Gatling never fails a run our own, exact check
 * passes for rounding alone); the exact check on our histograms applies as well (see {@code
 * BenchmarkRun}).
 */
public final class SloAssertions {
  private SloAssertions() {}

  /**
   * @param requestName the chat action's name in Gatling's report (e.g. {@code chat})
   */
  public static List<Assertion> of(String requestName, SloSet slo) {
    List<Assertion> assertions = new ArrayList<>();
    for (SloClause clause : slo.clauses()) {
      if (!clause.heldByGatling()) {
        continue;
      }
      String entry =
          clause.latency().equals(Optional.of(LatencyMetric.TTFT))
              ? MeasuredOutcomes.TTFT_ENTRY
              : requestName;
      assertions.add(
          switch (clause.quantity()) {
            case ERROR_PERCENT -> percent(entry, clause);
            case ERROR_COUNT -> count(entry, clause);
            default -> latency(entry, clause);
          });
    }
    return assertions;
  }

  private static Assertion latency(String entry, SloClause clause) {
    var time = details(entry).responseTime();
    LatencyStat stat = clause.stat().orElseThrow();
    var target =
        switch (stat) {
          case MEAN -> time.mean();
          case MAX -> time.max();
          default -> time.percentile(stat.percentile().orElseThrow());
        };
    int ms = (int) Math.min(Integer.MAX_VALUE, Math.ceil(clause.threshold()));
    return clause.comparison() == Comparison.LT ? target.lt(ms) : target.lte(ms);
  }

  private static Assertion percent(String entry, SloClause clause) {
    var target = details(entry).failedRequests().percent();
    return clause.comparison() == Comparison.LT
        ? target.lt(clause.threshold())
        : target.lte(clause.threshold());
  }

  private static Assertion count(String entry, SloClause clause) {
    var target = details(entry).failedRequests().count();
    long n = (long) clause.threshold();
    return clause.comparison() == Comparison.LT ? target.lt(n) : target.lte(n);
  }
}
