package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Ddataset} through real Gatling: the dataset's prompts are what the simulator saw. */
class DatasetIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void everyShareGptPromptIsSentOncePerPass() throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ofMillis(5), Duration.ofMillis(1)))) {
      run =
          GatlingRun.against(server)
              .withoutSelfWarmup()
              .property("dataset", Path.of("src/test/resources/data/sharegpt.json").toString())
              .property("preflight", false)
              .property("concurrency", 3)
              .property("totalRequests", 9)
              .property("warmupRequests", 0)
              .property("outputTokens", 4)
              .into(dir.resolve("results"))
              .run();
      served = server.servedRequests();
    }
    run.assertExitCode(0);
    assertThat(run.stdout())
        .contains(
            "Dataset src/test/resources/data/sharegpt.json: 3 ShareGPT entries (JSON array),"
                + " 1 skipped: no human turn with text");

    // The simulator counts words and punctuation: "Explain continuous batching in one
    // paragraph." is 7 tokens, "What does TTFT measure?" 5, "Why are prefix caches a problem for
    // benchmarks?" 9. Nine requests over three entries: each entry three times.
    List<Integer> promptTokens = served.stream().map(TruthRecord::promptTokens).toList();
    assertThat(promptTokens).containsExactlyInAnyOrder(7, 7, 7, 5, 5, 5, 9, 9, 9);
    JsonNode summary = run.summary();
    assertThat(summary.get("completed").asInt()).isEqualTo(9);
    assertThat(summary.get("failed").asInt()).isZero();
    assertThat(summary.get("total_input_tokens").asLong()).isEqualTo(3L * (7 + 5 + 9));
    assertThat(summary.at("/config/dataset").asText()).endsWith("sharegpt.json");
  }

  @Test
  void aBadLineStopsTheRunBeforeAnyRequestNamingTheLine() throws Exception {
    Path dataset =
        Files.writeString(
            dir.resolve("data.jsonl"),
            "{\"messages\":[{\"role\":\"user\",\"content\":\"fine\"}]}\n"
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"fine too\"}]}\n"
                + "{\"messages\":{\"role\":\"user\",\"content\":\"not an array\"}}\n");
    GatlingRun.Result run;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      run =
          GatlingRun.against(server)
              .withoutSelfWarmup()
              .property("dataset", dataset.toString())
              .into(dir.resolve("results"))
              .run();
      assertThat(server.requestCount()).as("requests the simulator received").isZero();
    }

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stderr())
        .contains(
            "Invalid configuration: dataset "
                + dataset
                + " line 3: \"messages\" must be a non-empty array of {\"role\",\"content\"}"
                + " objects, got {\"role\":\"user\",\"content\":\"not an array\"}");
    assertThat(run.stdout()).doesNotContain("Progress:", "Preflight");
  }
}
