package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import onlinebench.simulator.Realism;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dsearch=concurrency} finds the TPOT boundary the simulator's batching model sets. At
 * concurrency c the simulator decodes min(c, maxSequences) sequences at once
 * (simulator/TimingModel: the rest wait for a slot), and each token follows the one before after
 * itl × (1 + batchSlowdown × (running − 1)); a closed loop's users start together and send equal
 * requests, so they decode in lockstep and every request's TPOT is that interval. The highest c
 * whose TPOT stays under the bound is computed here from that formula; above maxSequences TPOT
 * stops rising (TTFT grows instead), and the bound is set to fail there too, so the boundary is
 * unique.
 */
class SearchIT {
  private static final double ITL_MS = 10;
  private static final double SLOWDOWN = 0.4;
  private static final int MAX_SEQUENCES = 8;
  private static final double TPOT_BOUND_MS = 32; // TPOT 30 ms at c = 6, 34 ms at c = 7
  private static final int PRECISION = 1;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** TPOT at concurrency c, as the simulator's timing model decides it. */
  private static double modelTpotMs(int c) {
    int running = Math.min(c, MAX_SEQUENCES);
    return ITL_MS * (1 + SLOWDOWN * (running - 1));
  }

  /** The highest concurrency whose modelled TPOT meets the bound. */
  private static int modelBoundary() {
    int best = 0;
    for (int c = 1; c <= 64; c++) {
      if (modelTpotMs(c) < TPOT_BOUND_MS) {
        best = c;
      }
    }
    return best;
  }

  @Test
  void findsTheConcurrencyWhereTpotCrossesTheBoundTheBatchingModelPredicts() throws Exception {
    int expected = modelBoundary();
    GatlingRun.Result r;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withDelays(Duration.ofMillis(5), Duration.ofMillis((long) ITL_MS))
                .withRealism(
                    Realism.none().withBatchSlowdown(SLOWDOWN).withMaxSequences(MAX_SEQUENCES)))) {
      r =
          GatlingRun.against(server)
              .property("search", "concurrency")
              .property("slo", "tpot.median<" + (long) TPOT_BOUND_MS + "ms")
              .property("searchMin", 1)
              .property("searchMax", 16)
              .property("searchPrecision", PRECISION)
              .property("duration", "1s")
              .property("warmupRequests", 2)
              .property("promptTokens", 8)
              .property("outputTokens", 8)
              .property("stream", true)
              .withoutReports()
              .into(dir.resolve("results"))
              .run();
    }
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    JsonNode search = RunFiles.JSON.readTree(r.file("search.json").toFile());
    List<String> csv = Files.readAllLines(r.file("search.csv"));
    System.out.println("SearchIT:\n" + String.join("\n", csv));

    double boundary = search.get("boundary").asDouble();
    assertThat(boundary)
        .as(
            "reported boundary vs the model's %d (TPOT %.0f ms there)",
            expected, modelTpotMs(expected))
        .isBetween((double) expected - PRECISION, (double) expected + PRECISION);
    assertThat(search.get("parameter").asText()).isEqualTo("concurrency");
    JsonNode steps = search.get("steps");
    List<Integer> levels = new ArrayList<>();
    steps.forEach(s -> levels.add(s.get("concurrency").asInt()));
    assertThat(levels).as("bracket 1, 2, 4, 8; bisect; re-check").startsWith(1, 2, 4, 8);
    JsonNode last = steps.get(steps.size() - 1);
    assertThat(last.get("phase").asText()).isEqualTo("recheck");
    assertThat(last.get("passed").asBoolean()).isTrue();
    assertThat(last.get("concurrency").asDouble()).isEqualTo(boundary);
    for (JsonNode step : steps) {
      int c = step.get("concurrency").asInt();
      double tpot = step.get("median_tpot_ms").asDouble();
      assertThat(tpot)
          .as("median TPOT at concurrency %d against the model's %.0f ms", c, modelTpotMs(c))
          .isBetween(modelTpotMs(c) * 0.9, modelTpotMs(c) * 1.1);
      assertThat(step.get("passed").asBoolean()).isEqualTo(tpot < TPOT_BOUND_MS);
      if (!step.get("passed").asBoolean()) {
        assertThat(step.get("why_failed").asText()).startsWith("tpot.median<32ms measured ");
      }
    }
    assertThat(csv).hasSize(steps.size() + 1);
    assertThat(csv.get(0)).startsWith("step,concurrency,phase,passed,completed,failed,");
    assertThat(r.summary().get("levels")).hasSize(steps.size());
    assertThat(r.stdout())
        .contains("Highest concurrency that met every SLO clause: " + (long) boundary);
  }
}
