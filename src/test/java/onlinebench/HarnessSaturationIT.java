package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose harness exceeds its budget says so, on the console and in summary.json; a light run
 * does not (issue 13: 32 requests at concurrency 8 used to warn, from a first second in which the
 * JIT compiled what the run had just started calling).
 */
class HarnessSaturationIT {
  @TempDir Path results;

  @Test
  void tinyCpuBudgetMakesTheRunWarnThatTheClientWasTheLimit() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      GatlingRun.Result r =
          GatlingRun.against(server)
              .property("concurrency", 8)
              .property("totalRequests", 200)
              .property("outputTokens", 16)
              .property("promptTokens", 32)
              .property("stream", true)
              .property("harnessCpuLimit", "0.000001")
              .into(results)
              .run();
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout())
          .contains("WARNING: the harness was a limit; these figures are bounded by the client")
          .contains(
              "of 2 cores (limit 0%)"
                  .replace("2", String.valueOf(Runtime.getRuntime().availableProcessors())));
      JsonNode summary = r.summary();
      assertThat(summary.get("harness_saturated").asBoolean()).isTrue();
      assertThat(summary.at("/harness/saturation_reasons"))
          .anySatisfy(reason -> assertThat(reason.asText()).contains("cores (limit 0%)"));
      assertThat(summary.at("/harness/cpu_share").asDouble()).isPositive();
    }
  }

  @Test
  void lightRunPrintsNoSaturationWarning() throws Exception {
    // issue 13's light run: 4 rounds of 8 users, under a second here, so under the 100 probe
    // samples a verdict needs on two event loops; its lag p99 used to be the JIT's first second
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      GatlingRun.Result r =
          GatlingRun.against(server)
              .property("concurrency", 8)
              .property("totalRequests", 32)
              .property("outputTokens", 32)
              .property("promptTokens", 32)
              .property("stream", true)
              .into(results)
              .run();
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout())
          .contains(": too short to judge (")
          .doesNotContain("WARNING: the harness");
      JsonNode summary = r.summary();
      assertThat(summary.at("/harness/verdict").asText())
          .as(summary.get("harness").toString())
          .isEqualTo("too_short_to_judge");
      assertThat(summary.get("harness_saturated").isNull()).isTrue();
    }
  }
}
