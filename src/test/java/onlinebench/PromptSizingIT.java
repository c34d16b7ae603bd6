package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompt sizing end to end, through real Gatling: against a simulator that counts prompt tokens
 * unlike our tokenizer (a quarter of the characters, plus a 20-token chat template), the warmup
 * calibration brings the server's mean prompt count within 1% of promptTokens, fixed or drawn;
 * without warmup it does not. And with ignoreEos the simulator's early stops disappear, while a
 * server that ignores it is flagged.
 */
class PromptSizingIT {
  private static SimulatorServer server;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @BeforeAll
  static void startSimulator() throws Exception {
    Properties sim = new Properties();
    sim.putAll(
        Map.of(
            "sim.tokenizer", "chars",
            "sim.chatTemplateTokens", "20",
            "sim.stopMeanTokens", "8",
            "sim.ttftMs", "1",
            "sim.itlMs", "0"));
    server = SimulatorServer.start(SimulatorConfig.fromSystemProperties(sim, 0));
  }

  @AfterAll
  static void stopSimulator() {
    server.close();
  }

  private record Run(JsonNode summary, String stdout) {
    double meanInputError() {
      double target = summary.get("target_input_tokens").asDouble();
      return Math.abs(summary.get("mean_input_tokens").asDouble() - target) / target;
    }
  }

  private Run run(String name, Map<String, String> extra) throws Exception {
    GatlingRun.Result r =
        GatlingRun.against(server)
            .withoutSelfWarmup()
            .property("preflight", false)
            .property("concurrency", 16)
            .property("totalRequests", 160)
            .property("warmupRequests", 32)
            .property("outputTokens", 64)
            .properties(extra)
            .into(dir.resolve(name))
            .run();
    r.assertExitCode(0);
    JsonNode summary = r.summary();
    System.out.printf(
        "PromptSizingIT %s (%d ms): input tokens mean %s for target %s, calibration %s; output %s"
            + " of %s requested%n",
        name,
        r.wallMillis(),
        summary.get("mean_input_tokens"),
        summary.get("target_input_tokens"),
        summary.get("prompt_calibration"),
        summary.get("mean_output_tokens"),
        summary.get("mean_requested_output_tokens"));
    assertThat(summary.get("completed").asLong()).as("completed").isEqualTo(160);
    return new Run(summary, r.stdout());
  }

  @Test
  void calibratedFixedPromptsLandWithinOnePercentAndIgnoreEosGivesMaxTokens() throws Exception {
    Run r = run("fixed", Map.of("promptTokens", "1024", "ignoreEos", "true"));
    JsonNode s = r.summary();
    assertThat(s.get("target_input_tokens").asDouble()).isEqualTo(1024.0);
    assertThat(r.meanInputError())
        .as(
            "mean input tokens %s vs 1024 (calibration %s)",
            s.get("mean_input_tokens"), s.get("prompt_calibration"))
        .isLessThan(0.01);
    assertThat(s.at("/prompt_calibration/calibrated").asBoolean()).isTrue();
    assertThat(s.at("/prompt_calibration/samples").asInt()).isEqualTo(32);
    assertThat(s.at("/prompt_calibration/ratio").asDouble())
        .as("a character-based count runs a little over one token per word")
        .isBetween(0.9, 1.2);
    assertThat(s.get("mean_requested_output_tokens").asDouble()).isEqualTo(64.0);
    assertThat(s.get("mean_output_tokens").asDouble())
        .as("ignore_eos: no early stop despite sim.stopMeanTokens=8")
        .isEqualTo(64.0);
    assertThat(s.get("total_output_tokens").asLong()).isEqualTo(160 * 64);
    assertThat(s.get("output_tokens_mismatch").asBoolean()).isFalse();
    assertThat(r.stdout())
        .contains("Input tokens per request: mean ")
        .doesNotContain("WARNING: ignoreEos");
  }

  @Test
  void calibratedStreamedRangeLandsWithinOnePercentAndAnIgnoredIgnoreEosIsFlagged()
      throws Exception {
    Run r =
        run(
            "range",
            Map.of(
                "promptTokens", "512:1024",
                "stream", "true",
                "ignoreEos", "true",
                "extraBody", "{\"ignore_eos\":false,\"min_tokens\":0}"));
    JsonNode s = r.summary();
    assertThat(s.get("target_input_tokens").asDouble()).isBetween(700.0, 836.0);
    assertThat(r.meanInputError())
        .as("mean input tokens %s vs %s", s.get("mean_input_tokens"), s.get("target_input_tokens"))
        .isLessThan(0.01);
    assertThat(s.get("min_input_tokens").asLong()).isBetween(480L, 560L);
    assertThat(s.get("max_input_tokens").asLong()).isBetween(980L, 1070L);
    assertThat(s.get("mean_output_tokens").asDouble())
        .as("the simulator stopped early: the extra body turned ignore_eos off")
        .isLessThan(30.0);
    assertThat(s.get("output_tokens_mismatch").asBoolean()).isTrue();
    assertThat(r.stdout())
        .contains("WARNING: ignoreEos is on but output tokens averaged")
        .contains("below the 64.0 requested");
  }

  @Test
  void withoutWarmupPromptsAreUncalibratedAndSaySo() throws Exception {
    Run r = run("uncalibrated", Map.of("promptTokens", "1024", "warmupRequests", "0"));
    JsonNode s = r.summary();
    assertThat(s.at("/prompt_calibration/calibrated").asBoolean()).isFalse();
    assertThat(s.at("/prompt_calibration/reason").asText()).isEqualTo("warmupRequests=0");
    assertThat(r.meanInputError())
        .as("the template and the other tokenizer show: mean %s", s.get("mean_input_tokens"))
        .isGreaterThan(0.02);
    assertThat(r.stdout()).contains("uncalibrated (warmupRequests=0)");
  }
}
