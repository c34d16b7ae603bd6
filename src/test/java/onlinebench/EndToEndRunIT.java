package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the run that the pom's {@code e2e} execution of {@code gatling:test} just made: the real
 * simulation, through Gatling, against the built-in simulator, which logged what it really served.
 */
class EndToEndRunIT {
  private static final int TOTAL = Integer.getInteger("e2e.totalRequests");
  private static final int WARMUP = Integer.getInteger("e2e.warmupRequests");
  private static final int OUTPUT_TOKENS = Integer.getInteger("e2e.outputTokens");
  private static final String API_KEY = System.getProperty("e2e.apiKey");

  private static Path runFolder;
  private static JsonNode summary;

  @BeforeAll
  static void readTheRun() throws IOException {
    Path results = Paths.get(System.getProperty("e2e.resultsFolder"));
    try (Stream<Path> runs = Files.list(results)) {
      runFolder =
          runs.filter(p -> Files.isRegularFile(p.resolve("summary.json")))
              .max(Comparator.comparingLong(p -> p.resolve("summary.json").toFile().lastModified()))
              .orElseThrow(
                  () -> new AssertionError("no run folder with summary.json in " + results));
    }
    summary = new ObjectMapper().readTree(runFolder.resolve("summary.json").toFile());
  }

  @Test
  void completedExactlyTheMeasuredRequests() {
    assertThat(summary.get("completed").asLong()).isEqualTo(TOTAL);
    assertThat(summary.get("failed").asLong()).isZero();
  }

  @Test
  void countedEveryOutputTokenFromUsage() {
    assertThat(summary.get("total_output_tokens").asLong()).isEqualTo((long) TOTAL * OUTPUT_TOKENS);
    assertThat(summary.get("missing_usage").asLong()).isZero();
    assertThat(summary.get("total_input_tokens").asLong()).isGreaterThanOrEqualTo(64L * TOTAL);
  }

  @Test
  void throughputIsConsistentWithDuration() {
    double duration = summary.get("duration").asDouble();
    assertThat(duration).as("measured phase in seconds").isBetween(0.05, 60.0);
    assertThat(summary.get("request_throughput").asDouble())
        .isCloseTo(TOTAL / duration, within(1e-6 * TOTAL / duration));
    assertThat(summary.get("output_throughput").asDouble())
        .isCloseTo((double) TOTAL * OUTPUT_TOKENS / duration, within(1e-3));
  }

  @Test
  void latencyIsAtLeastTheSimulatorsDelay() {
    // sim.ttftMs=20, sim.itlMs=1: every answer takes at least 20 + 15 × 1 ms
    assertThat(summary.get("min_e2el_ms").asDouble())
        .as("fastest request, ms")
        .isBetween(35.0, 5_000.0);
    assertThat(summary.get("median_e2el_ms").asDouble())
        .isGreaterThanOrEqualTo(summary.get("min_e2el_ms").asDouble());
  }

  @Test
  void simulatorSawMeasuredPlusWarmupRequestsAndOnePreflightProbe() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> truth = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(System.getProperty("e2e.truthLog")))) {
      truth.add(json.readTree(line));
    }
    // the preflight probe asks for a single token; every benchmark request for outputTokens
    long load =
        truth.stream().filter(t -> t.path("completion_tokens").asInt() == OUTPUT_TOKENS).count();
    long probes = truth.stream().filter(t -> t.path("completion_tokens").asInt() == 1).count();
    assertThat(load).isEqualTo(TOTAL + WARMUP);
    assertThat(probes).isEqualTo(1);
    assertThat(truth).hasSize(TOTAL + WARMUP + 1);
  }

  @Test
  void gatlingReportShowsTheChatRequest() throws IOException {
    assertThat(runFolder.resolve("index.html")).exists();
    String index = Files.readString(runFolder.resolve("index.html"));
    assertThat(index).contains("chat");
  }

  @Test
  void apiKeyNeverAppearsInFullInAnyFileWritten() throws IOException {
    RunFiles.assertKeyInNoFileUnder(
        API_KEY, runFolder, Paths.get(System.getProperty("e2e.truthLog")).getParent());
    assertThat(summary.at("/config/apiKey").asText()).isEqualTo("sk-****ef");
  }
}
