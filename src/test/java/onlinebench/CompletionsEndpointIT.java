package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dendpoint=completions} through real Gatling against the simulator: the preflight probe
 * and every request go to {@code /v1/completions}, and the figures come out as with chat.
 */
class CompletionsEndpointIT {
  private static final int TOTAL = 24;
  private static final int WARMUP = 4;
  private static final int PROMPT_TOKENS = 16;
  private static final int OUTPUT_TOKENS = 8;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** The run's summary.json, after checking it ended well and what the simulator served. */
  private JsonNode run(boolean stream) throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> truth;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ofMillis(10), Duration.ofMillis(1)))) {
      run =
          GatlingRun.against(server)
              .withoutSelfWarmup()
              .property("endpoint", "completions")
              .property("stream", stream)
              .property("concurrency", 4)
              .property("totalRequests", TOTAL)
              .property("warmupRequests", WARMUP)
              .property("promptTokens", PROMPT_TOKENS)
              .property("outputTokens", OUTPUT_TOKENS)
              .into(dir.resolve("results"))
              .run();
      truth = server.servedRequests();
    }
    run.assertExitCode(0);
    assertThat(run.stdout()).contains("Preflight ok").contains("endpoint: completions");

    assertThat(truth)
        .as("measured + warmup + the preflight probe, all legacy completions")
        .hasSize(TOTAL + WARMUP + 1)
        .allSatisfy(t -> assertThat(t.id()).startsWith("cmpl-sim-"));
    assertThat(truth.stream().filter(t -> t.completionTokens() == OUTPUT_TOKENS))
        .hasSize(TOTAL + WARMUP);

    JsonNode summary = run.summary();
    assertThat(summary.get("completed").asInt()).isEqualTo(TOTAL);
    assertThat(summary.get("failed").asInt()).isZero();
    assertThat(summary.get("missing_usage").asInt()).isZero();
    assertThat(summary.get("total_output_tokens").asLong()).isEqualTo((long) TOTAL * OUTPUT_TOKENS);
    assertThat(summary.get("total_input_tokens").asLong()).isEqualTo((long) TOTAL * PROMPT_TOKENS);
    return summary;
  }

  @Test
  void streamedCompletionsCountEveryTextChunkAsAToken() throws Exception {
    JsonNode summary = run(true);

    // usage says 8 tokens, and the parser saw 8 text chunks in every stream
    assertThat(summary.get("usage_chunk_mismatch_requests").asInt()).isZero();
    assertThat(summary.get("estimated_output_token_requests").asInt()).isZero();
    assertThat(summary.get("median_ttft_ms").asDouble()).as("TTFT, ms").isBetween(10.0, 5_000.0);
    assertThat(summary.get("median_tpot_ms").isNumber()).isTrue();
  }

  @Test
  void plainCompletionsAreReadFromChoicesText() throws Exception {
    JsonNode summary = run(false);

    assertThat(summary.get("median_ttft_ms").isNull()).isTrue();
    assertThat(summary.get("median_e2el_ms").asDouble()).as("e2el, ms").isBetween(17.0, 5_000.0);
  }
}
