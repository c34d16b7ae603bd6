package onlinebench.report;

import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.metrics.Summary;
import onlinebench.search.SearchStep;
import onlinebench.search.StepVerdict;

/**
 * One step of a search as it ran, for the outputs.
 *
 * @param step its level, phase and verdict as the search recorded them
 * @param config the step's configuration (its concurrency, or its single request rate)
 * @param summary the step's figures
 * @param verdict every SLO clause checked against them, and why the step failed
 * @param stoppedEarly why {@code -DstopOnErrors} stopped the step; empty when it ran to its end
 */
public record SearchStepResult(
    SearchStep step,
    BenchConfig config,
    Summary summary,
    StepVerdict verdict,
    Optional<String> stoppedEarly) {

  /** As a sweep level, for the per-level summaries and the chart the two share. */
  public SweepLevel asLevel() {
    return new SweepLevel(config, summary, Optional.of(step.passed()), stoppedEarly);
  }
}
