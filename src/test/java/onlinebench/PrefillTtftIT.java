package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import onlinebench.simulator.Realism;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TTFT the benchmark measures follows the simulator's prefill model: {@code ttft + prompt /
 * prefillTokensPerSec}, so it rises with promptTokens as the formula says.
 */
class PrefillTtftIT {
  private static final double TTFT_MS = 20;
  private static final double PREFILL_TOKENS_PER_SEC = 20_000;

  /**
   * What the measured TTFT may add to the model's: loopback, both JVMs' scheduling and the SSE
   * parse, at concurrency 2 on a shared 2-core machine. Measured 3 to 6 ms here (median).
   */
  private static final double MAX_OVERHEAD_MS = 60;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** A run's median TTFT and the simulator's prompt count for it. */
  private record Measured(double medianTtftMs, double promptTokens, double serverFirstTokenMs) {
    double modelTtftMs() {
      return TTFT_MS + promptTokens * 1000 / PREFILL_TOKENS_PER_SEC;
    }
  }

  private Measured run(int promptTokens) throws Exception {
    Path runDir = dir.resolve("prompt-" + promptTokens);
    GatlingRun.Result r;
    List<TruthRecord> served;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withDelays(Duration.ofMillis((long) TTFT_MS), Duration.ofMillis(1))
                .withRealism(Realism.none().withPrefillTokensPerSec(PREFILL_TOKENS_PER_SEC)))) {
      r =
          GatlingRun.against(server)
              .property("stream", true)
              .property("concurrency", 2)
              .property("totalRequests", 30)
              .property("warmupRequests", 6)
              .property("promptTokens", promptTokens)
              .property("outputTokens", 4)
              .into(runDir.resolve("results"))
              .run();
      served = server.servedRequests();
    }
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    JsonNode summary = r.summary();
    assertThat(summary.get("completed").asLong()).isEqualTo(30);
    // Warm-up and measured requests carry the same prompt size; the preflight probe asks for 1
    // token.
    List<TruthRecord> load = served.stream().filter(t -> t.completionTokens() == 4).toList();
    assertThat(load).hasSize(36);
    return new Measured(
        summary.get("median_ttft_ms").asDouble(),
        median(load.stream().mapToDouble(TruthRecord::promptTokens).toArray()),
        median(
            load.stream()
                .mapToDouble(t -> (t.chunkNanos()[0] - t.arrivalNanos()) / 1e6)
                .toArray()));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  @Test
  void ttftRisesWithThePromptAsThePrefillModelSays() throws Exception {
    Measured small = run(200);
    Measured large = run(4000);
    System.out.printf("PrefillTtftIT: %s%nPrefillTtftIT: %s%n", small, large);

    for (Measured m : List.of(small, large)) {
      String what =
          String.format(
              "median TTFT %.1f ms for %.0f prompt tokens (model %.1f ms, server wrote the first"
                  + " token at %.1f ms)",
              m.medianTtftMs(), m.promptTokens(), m.modelTtftMs(), m.serverFirstTokenMs());
      assertThat(m.medianTtftMs())
          .as("%s: never below the model, which the client cannot beat", what)
          .isGreaterThanOrEqualTo(m.modelTtftMs());
      assertThat(m.medianTtftMs())
          .as("%s: at most %.0f ms of overhead", what, MAX_OVERHEAD_MS)
          .isLessThanOrEqualTo(m.modelTtftMs() + MAX_OVERHEAD_MS);
    }
    assertThat(small.promptTokens())
        .as("the simulator counts about the prompt the benchmark asked for")
        .isBetween(180.0, 220.0);
    assertThat(large.promptTokens()).isBetween(3600.0, 4400.0);
    double modelRise = large.modelTtftMs() - small.modelTtftMs();
    assertThat(large.medianTtftMs() - small.medianTtftMs())
        .as(
            "rise of median TTFT from %.0f to %.0f prompt tokens (model: %.1f ms)",
            small.promptTokens(), large.promptTokens(), modelRise)
        .isBetween(modelRise - 15, modelRise + 40);
  }
}
