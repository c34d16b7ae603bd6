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
 * {@code -Dsearch=concurrency} finds the TPOT boundary the simulator's batching model sets
 * (simulator/TimingModel, docs/simulator.md). Just after a sequence writes a token, its next is due
 * itl × (1 + batchSlowdown × (running − 1)) later, running counting the sequences decoding at that
 * moment, itself included; at most maxSequences run, the rest wait. A closed loop's c users start
 * together and send equal requests, so each round's c sequences write their first tokens at the
 * same instant, one after another: the k-th (k = 1..c) sees k running for its first interval and c
 * for the other n − 2, so its TPOT is itl × [(1 + b(k − 1)) + (n − 2)(1 + b(c − 1))] / (n − 1), and
 * the median request is k = (c + 1) / 2. The highest c whose modelled median TPOT meets the bound
 * is computed from that here, for c up to maxSequences (above it TPOT stops rising and TTFT grows;
 * the search never gets there, 8 already fails). The bound lies between the model's values at the
 * boundary and one above it, about 6% from each.
 */
class SearchIT {
  private static final double ITL_MS = 10;
  private static final double SLOWDOWN = 0.4;
  private static final int MAX_SEQUENCES = 8;
  private static final int OUTPUT_TOKENS = 8;
  private static final double TPOT_BOUND_MS = 30.5; // model: 28.6 ms at c = 6, 32.3 ms at c = 7
  private static final int PRECISION = 1;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** The median request's TPOT at concurrency c (up to maxSequences), by the timing model. */
  private static double modelTpotMs(int c) {
    double k = (c + 1) / 2.0;
    double first = 1 + SLOWDOWN * (k - 1);
    double rest = (OUTPUT_TOKENS - 2) * (1 + SLOWDOWN * (c - 1));
    return ITL_MS * (first + rest) / (OUTPUT_TOKENS - 1);
  }

  /** The highest concurrency whose modelled TPOT meets the bound. */
  private static int modelBoundary() {
    int best = 0;
    for (int c = 1; c <= MAX_SEQUENCES; c++) {
      if (modelTpotMs(c) < TPOT_BOUND_MS) {
        best = c;
      }
    }
    return best;
  }

  @Test
  void findsTheConcurrencyWhereTpotCrossesTheBoundTheBatchingModelPredicts() throws Exception {
    int expected = modelBoundary();
    assertThat(expected).as("the model's boundary for these knobs").isEqualTo(6);
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
              .property("slo", "tpot.median<" + TPOT_BOUND_MS + "ms")
              .property("searchMin", 1)
              .property("searchMax", 16)
              .property("searchPrecision", PRECISION)
              .property("duration", "1s")
              .property("warmupRequests", 2)
              .property("promptTokens", 8)
              .property("outputTokens", OUTPUT_TOKENS)
              .property("stream", true)
              .withoutReports()
              .into(dir.resolve("results"))
              .run();
    }
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    JsonNode search = RunFiles.JSON.readTree(r.file("search.json").toFile());
    List<String> csv = Files.readAllLines(r.file("search.csv"));
    System.out.println("SearchIT:\n" + String.join("\n", csv) + "\n" + r.stdout());

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
          .as("median TPOT at concurrency %d against the model's %.1f ms", c, modelTpotMs(c))
          .isBetween(modelTpotMs(c) * 0.9, modelTpotMs(c) * 1.1);
      assertThat(step.get("passed").asBoolean()).isEqualTo(tpot < TPOT_BOUND_MS);
      if (!step.get("passed").asBoolean()) {
        assertThat(step.get("why_failed").asText()).startsWith("tpot.median<30.5ms measured ");
      }
    }
    assertThat(csv).hasSize(steps.size() + 1);
    assertThat(csv.get(0)).startsWith("step,concurrency,phase,passed,completed,failed,");
    assertThat(r.summary().get("levels")).hasSize(steps.size());
    assertThat(r.stdout())
        .contains("Highest concurrency that met every SLO clause: " + (long) boundary);
    assertThat(Files.readString(r.file("llm.html")))
        .as("the page draws the steps")
        .contains("id=\"search\"");
  }
}
