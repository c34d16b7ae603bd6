package onlinebench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.HarnessCheck;

/**
 * What the renderers need to know about a user-written Simulation's run besides its figures: the
 * counterpart of {@link RunFacts}, which describes the built-in benchmark.
 *
 * @param modelId the model the llm protocol names
 * @param config the llm protocol's settings as shown (the API key masked), in order
 * @param users virtual users that started
 * @param partial whether the run was stopped while users were still running (Ctrl-C, SIGTERM,
 *     Gatling's max duration)
 * @param slo the objectives of {@code -Dslo}, checked on the whole run's figures
 * @param harness whether the Gatling process itself was a limit, from the first user's start to the
 *     last one's exit
 */
public record ScenarioFacts(
    String modelId,
    Map<String, Object> config,
    long users,
    boolean partial,
    SloSet slo,
    HarnessCheck harness) {

  public ScenarioFacts {
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }
}
