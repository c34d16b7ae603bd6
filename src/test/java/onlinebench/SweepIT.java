package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
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
 * A concurrency sweep in one Gatling run gives one row per level, and throughput rises with
 * concurrency as the simulator's batching model says: a request takes ttft + (n − 1) × itl × (1 +
 * batchSlowdown × (c − 1)) at concurrency c, so c users complete c / that per second.
 */
class SweepIT {
  private static final double TTFT_MS = 20;
  private static final double ITL_MS = 2;
  private static final double SLOWDOWN = 0.1;
  private static final int TOKENS = 32;
  private static final int[] LEVELS = {1, 4, 16};

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private static double predictedRequestsPerSecond(int c) {
    return c * 1000 / (TTFT_MS + (TOKENS - 1) * ITL_MS * (1 + SLOWDOWN * (c - 1)));
  }

  @Test
  void oneRowPerLevelWithThroughputRisingAsTheBatchingModelPredicts() throws Exception {
    Path results = dir.resolve("results");
    GatlingRun.Result r;
    List<TruthRecord> served;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withDelays(Duration.ofMillis((long) TTFT_MS), Duration.ofMillis((long) ITL_MS))
                .withRealism(Realism.none().withBatchSlowdown(SLOWDOWN)))) {
      r =
          GatlingRun.against(server)
              .property("concurrency", "1,4,16")
              .property("totalRequests", 48)
              .property("warmupRequests", 8)
              .property("promptTokens", 16)
              .property("outputTokens", TOKENS)
              .property("stream", true)
              .into(results)
              .run();
      served = server.servedRequests();
    }
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    JsonNode sweep = RunFiles.JSON.readTree(r.file("sweep.json").toFile());
    List<String> csv = Files.readAllLines(r.file("sweep.csv"));
    JsonNode summary = r.summary();
    System.out.println("SweepIT:\n" + String.join("\n", csv));

    assertThat(sweep.get("parameter").asText()).isEqualTo("concurrency");
    assertThat(sweep.get("levels")).hasSize(3);
    assertThat(csv).hasSize(4);
    assertThat(csv.get(0)).startsWith("concurrency,request_throughput,output_throughput,");
    assertThat(summary.get("levels")).hasSize(3);
    assertThat(served)
        .as("preflight + warmup once + 48 requests per level")
        .hasSize(1 + 8 + 3 * 48);
    double previous = 0;
    for (int i = 0; i < LEVELS.length; i++) {
      JsonNode row = sweep.get("levels").get(i);
      JsonNode level = summary.get("levels").get(i);
      int c = LEVELS[i];
      double measured = row.get("request_throughput").asDouble();
      double predicted = predictedRequestsPerSecond(c);
      assertThat(row.get("concurrency").asInt()).isEqualTo(c);
      assertThat(level.get("max_concurrency").asInt()).isEqualTo(c);
      assertThat(row.get("completed").asLong()).isEqualTo(48);
      assertThat(row.get("failed").asLong()).isZero();
      assertThat(row.get("median_ttft_ms").asDouble()).isGreaterThanOrEqualTo(TTFT_MS);
      assertThat(measured)
          .as("req/s at concurrency %d (model %.1f)", c, predicted)
          .isBetween(predicted * 0.5, predicted * 1.15)
          .isGreaterThan(previous);
      previous = measured;
    }
    assertThat(r.stdout()).contains("=== Sweep: 3 levels ===");
  }
}
