package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose harness exceeds its budget says so, on the console and in summary.json. */
class HarnessSaturationIT {
  @TempDir Path results;

  @Test
  void tinyCpuBudgetMakesTheRunWarnThatTheClientWasTheLimit() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      GatlingProcess.Result r =
          GatlingProcess.run(
              Map.of(
                  "apiBase", server.baseUrl().toString(),
                  "model", "simulated-llm",
                  "concurrency", "8",
                  "totalRequests", "200",
                  "outputTokens", "16",
                  "promptTokens", "32",
                  "stream", "true",
                  "harnessCpuLimit", "0.000001"),
              results,
              180);
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout())
          .contains("WARNING: the harness was a limit; these figures are bounded by the client")
          .contains(
              "of 2 cores (limit 0%)"
                  .replace("2", String.valueOf(Runtime.getRuntime().availableProcessors())));
      JsonNode summary = RunFiles.summary(results);
      assertThat(summary.get("harness_saturated").asBoolean()).isTrue();
      assertThat(summary.at("/harness/saturation_reasons"))
          .anySatisfy(reason -> assertThat(reason.asText()).contains("cores (limit 0%)"));
      assertThat(summary.at("/harness/cpu_share").asDouble()).isPositive();
    }
  }
}
