package onlinebench.report;

import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.metrics.HarnessCheck;
import onlinebench.prompt.PromptSizing;

/**
 * What the renderers need to know about a run besides its figures.
 *
 * @param config the run's configuration (rendered with the key masked)
 * @param builtInSimulator whether the target was the simulator this run started
 * @param partial whether the run was stopped before it finished (Ctrl-C, SIGTERM)
 * @param harness how hard the harness worked, and whether it bounded the figures
 * @param promptSizing how the measured prompts were sized and calibrated
 * @param stoppedEarly why {@code -DstopOnErrors} stopped the run (a sweep: which level and why);
 *     empty when it was not
 */
public record RunFacts(
    BenchConfig config,
    boolean builtInSimulator,
    boolean partial,
    HarnessCheck harness,
    PromptSizing promptSizing,
    Optional<String> stoppedEarly) {

  /** The facts of a run {@code -DstopOnErrors} did not stop. */
  public RunFacts(
      BenchConfig config,
      boolean builtInSimulator,
      boolean partial,
      HarnessCheck harness,
      PromptSizing promptSizing) {
    this(config, builtInSimulator, partial, harness, promptSizing, Optional.empty());
  }
}
