package onlinebench.config;

import java.util.Map;

/**
 * The benchmark's properties that also apply to a user-written Simulation (which has no {@link
 * BenchConfig}): the harness limits and the per-request log. {@code -Dslo} is read beside them, by
 * the scenario's run, with the benchmark's grammar.
 *
 * @param harnessLimits {@code -DharnessLagLimitMs}, {@code -DharnessCpuLimit}
 * @param requestLog {@code -DrequestLog}: write requests.jsonl
 */
public record ScenarioSettings(HarnessLimits harnessLimits, boolean requestLog) {
  /** Every default: the harness limits of {@link HarnessLimits#DEFAULT}, no request log. */
  public static final ScenarioSettings DEFAULT = new ScenarioSettings(HarnessLimits.DEFAULT, false);

  /**
   * The settings {@code properties} give (camelCase or kebab-case), the defaults where unset.
   *
   * @throws ConfigException one line naming the bad value and what is accepted
   */
  public static ScenarioSettings fromProperties(Map<String, String> properties) {
    UserInput in = new UserInput(properties, Map.of());
    return new ScenarioSettings(
        HarnessLimits.parse(in), Values.bool(in, Parameter.REQUEST_LOG, DEFAULT.requestLog()));
  }
}
