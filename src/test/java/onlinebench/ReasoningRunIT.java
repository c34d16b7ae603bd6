package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import onlinebench.config.LengthSpec;
import onlinebench.simulator.ServerProfile;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reasoning model, end to end: real Gatling against the simulator thinking 64 tokens at 5 ms each
 * before every answer. TTFO − TTFT is what the simulator's timing says (64 × ITL), and the
 * reasoning tokens add up exactly, whether the server counts them in usage ({@code openai} profile)
 * or the client must count chunks ({@code vllm} profile, whose usage has no count).
 */
class ReasoningRunIT {
  private static final int REASONING = 64;
  private static final long ITL_MS = 5;
  private static final int OUTPUT_TOKENS = 80; // 64 reasoning + 16 answer, max_tokens bounds both
  private static final int REQUESTS = 40;
  private static final double MODEL_REASONING_MS = REASONING * ITL_MS;

  /**
   * How far the client's median reasoning time may sit from the model's 320 ms. Below: a late first
   * token shortens the gap (the simulator's deadlines are absolute, so later tokens catch up).
   * Above: a late 65th chunk. Both are timer and scheduling delays of two JVMs at concurrency 4 on
   * a shared, loaded 2-core machine; the client's figure is also checked against what the simulator
   * itself wrote, which is the tighter test.
   */
  private static final double BELOW_MS = 25;

  private static final double ABOVE_MS = 60;

  /** Client-measured vs server-written gap between first token and first answer, per median. */
  private static final double FROM_TRUTH_MS = 15;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private record Run(JsonNode summary, List<JsonNode> truth) {}

  private Run run(ServerProfile profile) throws Exception {
    Path runDir = dir.resolve(profile.propertyValue());
    Files.createDirectories(runDir);
    Path truthLog = runDir.resolve("truth.jsonl");
    GatlingRun.Result r;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.defaults()
                .withDelays(Duration.ofMillis(20), Duration.ofMillis(ITL_MS))
                .withProfile(profile)
                .withReasoningTokens(LengthSpec.fixed(REASONING))
                .withTruthLog(truthLog))) {
      r =
          GatlingRun.against(server)
              .property("stream", true)
              .property("concurrency", 4)
              .property("totalRequests", REQUESTS)
              .property("warmupRequests", 4)
              .property("promptTokens", 32)
              .property("outputTokens", OUTPUT_TOKENS)
              .property("ignoreEos", true)
              .into(runDir.resolve("results"))
              .run();
    }
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    assertThat(r.stdout())
        .contains("Reasoning: " + REASONING * REQUESTS + " tokens in " + REQUESTS);
    JsonNode summary = r.summary();
    assertThat(summary.get("completed").asLong()).isEqualTo(REQUESTS);
    List<JsonNode> measured =
        RunFiles.jsonLines(truthLog).stream()
            .filter(t -> t.get("completion_tokens").asInt() == OUTPUT_TOKENS)
            .toList();
    return new Run(summary, measured);
  }

  /** The simulator's own median gap from its first token write to its first answer write. */
  private static double truthMedianReasoningMs(List<JsonNode> truth) {
    double[] gaps =
        truth.stream()
            .mapToDouble(
                t ->
                    (t.get("chunk_nanos").get(REASONING).asLong()
                            - t.get("chunk_nanos").get(0).asLong())
                        / 1e6)
            .sorted()
            .toArray();
    int n = gaps.length;
    return n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
  }

  private static void assertReasoningTime(JsonNode summary, List<JsonNode> truth, String label) {
    double median = summary.get("median_reasoning_time_ms").asDouble();
    double ofMedians =
        summary.get("median_ttfo_ms").asDouble() - summary.get("median_ttft_ms").asDouble();
    double server = truthMedianReasoningMs(truth);
    System.out.printf(
        "ReasoningRunIT %s: median reasoning time %.2f ms (TTFO − TTFT medians %.2f ms, simulator"
            + " wrote %.2f ms, model %.0f ms), p99 %.2f ms%n",
        label,
        median,
        ofMedians,
        server,
        MODEL_REASONING_MS,
        summary.get("p99_reasoning_time_ms").asDouble());
    assertThat(summary.get("median_reasoning_time_ms").isNumber()).isTrue();
    assertThat(median)
        .as(
            "%s: median TTFO − TTFT per request %.2f ms against the model's %d × %d ms, within"
                + " -%.0f/+%.0f ms",
            label, median, REASONING, ITL_MS, BELOW_MS, ABOVE_MS)
        .isBetween(MODEL_REASONING_MS - BELOW_MS, MODEL_REASONING_MS + ABOVE_MS);
    assertThat(ofMedians)
        .as("%s: median TTFO − median TTFT %.2f ms, the proof's figure", label, ofMedians)
        .isBetween(MODEL_REASONING_MS - BELOW_MS, MODEL_REASONING_MS + ABOVE_MS);
    assertThat(median)
        .as(
            "%s: the client's median %.2f ms within %.0f ms of what the simulator wrote (%.2f ms)",
            label, median, FROM_TRUTH_MS, server)
        .isBetween(server - FROM_TRUTH_MS, server + FROM_TRUTH_MS);
    assertThat(summary.get("mean_ttfo_ms").asDouble())
        .as("%s: every answer comes after its reasoning", label)
        .isGreaterThan(summary.get("mean_ttft_ms").asDouble());
  }

  @Test
  void reasoningCountedByTheServerGivesTtfoMinusTtftAndExactTokens() throws Exception {
    Run run = run(ServerProfile.OPENAI);
    JsonNode s = run.summary();

    assertThat(s.get("total_reasoning_tokens").asLong()).isEqualTo((long) REASONING * REQUESTS);
    assertThat(s.get("reasoning_requests").asLong()).isEqualTo(REQUESTS);
    assertThat(s.get("reasoning_tokens_counted_from_chunks").asLong()).isZero();
    assertThat(s.get("total_output_tokens").asLong()).isEqualTo((long) OUTPUT_TOKENS * REQUESTS);
    assertThat(run.truth()).hasSize(REQUESTS + 4);
    assertThat(run.truth())
        .allSatisfy(t -> assertThat(t.get("reasoning_tokens").asInt()).isEqualTo(REASONING));
    assertReasoningTime(s, run.truth(), "openai");
  }

  @Test
  void reasoningTheServerDoesNotCountIsCountedFromChunksExactlyAndSaidSo() throws Exception {
    Run run = run(ServerProfile.VLLM);
    JsonNode s = run.summary();

    assertThat(s.get("total_reasoning_tokens").asLong()).isEqualTo((long) REASONING * REQUESTS);
    assertThat(s.get("reasoning_tokens_counted_from_chunks").asLong()).isEqualTo(REQUESTS);
    assertReasoningTime(s, run.truth(), "vllm");
    assertThat(s.get("usage_chunk_mismatch_requests").asLong())
        .as("reasoning chunks are token chunks: usage's 80 tokens are the 80 chunks")
        .isZero();
  }
}
