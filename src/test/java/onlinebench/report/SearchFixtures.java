package onlinebench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import onlinebench.config.BenchConfig;
import onlinebench.config.SearchSpec;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.Summary;
import onlinebench.search.LoadSearch;
import onlinebench.search.StepVerdict;
import onlinebench.slo.SloEvaluation;

/**
 * A finished concurrency search from 1 to 4 for the SLO {@link #SLO}, with the fixture summary
 * (goodput included) as every step's figures; a step passes when {@code passes} says so, and a
 * failing one names a made-up miss.
 */
public final class SearchFixtures {
  /** A gate on TPOT's p99 and a per-request TTFT clause (for goodput). */
  public static final SloSet SLO = SloSet.parse("tpot.p99<25ms,ttft<300ms");

  private SearchFixtures() {}

  /** The search and its steps as the run would hand them to the report. */
  public record Finished(LoadSearch search, List<SearchStepResult> steps) {}

  public static Finished run(DoublePredicate passes) {
    BenchConfig config = ReportFixtures.config(true);
    Summary summary = ReportFixtures.summaryWithGoodput();
    LoadSearch search = new LoadSearch(new SearchSpec(SearchSpec.Dimension.CONCURRENCY, 1, 4, 1));
    List<SearchStepResult> steps = new ArrayList<>();
    for (OptionalDouble level = search.next(); level.isPresent(); level = search.next()) {
      boolean passed = passes.test(level.getAsDouble());
      StepVerdict verdict =
          passed
              ? StepVerdict.of(SLO, summary, Optional.empty())
              : new StepVerdict(
                  false,
                  SloEvaluation.evaluate(SLO, summary),
                  List.of("tpot.p99<25ms measured 31.50"));
      search.record(passed, verdict.whyLine());
      steps.add(
          new SearchStepResult(
              search.steps().get(search.steps().size() - 1),
              config.withConcurrency((int) level.getAsDouble()),
              summary,
              verdict,
              Optional.empty()));
    }
    return new Finished(search, steps);
  }
}
