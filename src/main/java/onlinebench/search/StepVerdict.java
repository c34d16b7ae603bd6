package onlinebench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import onlinebench.config.slo.Comparison;
import onlinebench.config.slo.LatencyStat;
import onlinebench.config.slo.SloClause;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.Summary;
import onlinebench.slo.SloEvaluation;
import onlinebench.slo.SloReport;
import onlinebench.slo.SloResult;

/**
 * Whether one search step met the SLO, and if not, why. A step passes when every gate of {@code
 * -Dslo} holds on its figures, it was not stopped early ({@code -DstopOnErrors}: it never showed
 * the load it was asked for), and its failed requests would not break a latency gate.
 *
 * <p>Errors count against the SLO: a failed request is not a good one. The latency figures are over
 * successful requests only, so a level where the server sheds load by failing requests could
 * otherwise look fast. Here a failed request counts as slower than any bound: a gate on the q-th
 * percentile fails once more than (1 − q) of the step's requests failed (p99: 1%, median: 50%), a
 * gate on the mean or the max once any did. Goodput and error clauses count failures already.
 *
 * @param passed true when the step met the SLO
 * @param slo every clause checked against the step's figures
 * @param whyFailed each reason it failed, e.g. {@code tpot.p99<25ms measured 26.10}; empty when it
 *     passed
 */
public record StepVerdict(boolean passed, SloReport slo, List<String> whyFailed) {

  public StepVerdict {
    whyFailed = List.copyOf(whyFailed);
  }

  /**
   * Judges one step.
   *
   * @param stoppedEarly why {@code -DstopOnErrors} stopped the step; empty when it ran to its end
   */
  public static StepVerdict of(SloSet slo, Summary summary, Optional<String> stoppedEarly) {
    SloReport report = SloEvaluation.evaluate(slo, summary);
    List<String> why = new ArrayList<>();
    stoppedEarly.ifPresent(reason -> why.add("stopped early: " + reason));
    if (summary.total() == 0) {
      why.add("no request finished");
    }
    for (SloResult result : report.results()) {
      SloClause clause = result.clause();
      if (!result.passed()) {
        why.add(
            Double.isNaN(result.measured())
                ? clause.text() + " not measured"
                : String.format(Locale.ROOT, "%s measured %.2f", clause.text(), result.measured()));
      } else if (clause.gate() && summary.total() > 0) {
        errorShareBreaks(clause, summary).ifPresent(why::add);
      }
    }
    return new StepVerdict(why.isEmpty(), report, why);
  }

  /** The reason the step's failed requests break a latency gate; empty when they do not. */
  private static Optional<String> errorShareBreaks(SloClause clause, Summary summary) {
    if (clause.latency().isEmpty()
        || clause.stat().isEmpty()
        || !(clause.comparison() == Comparison.LT || clause.comparison() == Comparison.LTE)) {
      return Optional.empty();
    }
    double allowed = allowedFailedShare(clause.stat().get());
    double share = (double) summary.failed() / summary.total();
    if (share <= allowed) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%s: %d of %d requests failed (%.1f%%), more than the %.1f%% a %s allows",
            clause.text(),
            summary.failed(),
            summary.total(),
            100 * share,
            100 * allowed,
            clause.stat().get().text()));
  }

  /** The share of requests that may be slower than the bound while the statistic still meets it. */
  static double allowedFailedShare(LatencyStat stat) {
    return switch (stat) {
      case MEAN, MAX -> 0;
      case MEDIAN -> 0.5;
      case P90 -> 0.1;
      case P95 -> 0.05;
      case P99 -> 0.01;
      case P99_9 -> 0.001;
    };
  }

  /** The reasons as one line, for the console and the CSV; empty when the step passed. */
  public String whyLine() {
    return String.join("; ", whyFailed);
  }
}
