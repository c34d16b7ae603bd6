package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import onlinebench.examples.ConversationExampleSimulation;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open-source scale-out end to end: two real Gatling runs at once, each one share of one benchmark
 * ({@code injectorIndex} 0 and 1 of 2), against one simulator; then the merge tool as a process.
 * The merged run must count what the server saw, add the two runs' tokens, and take its percentiles
 * from all the requests, not from an average of the two runs' percentiles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MergeIT {
  private static final int TOTAL = 60;
  private static final int WARMUP = 4;
  private static final int OUTPUT_TOKENS = 8;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private final List<GatlingRun.Result> runs = new ArrayList<>();
  private Path truthLog;
  private JsonNode merged;

  /** What a forked tool left behind. */
  private record ToolResult(int exitCode, String stdout, String stderr) {}

  @BeforeAll
  void runTwoGeneratorsThenMerge() throws Exception {
    truthLog = dir.resolve("truth.jsonl");
    try (SimulatorProcess server =
        SimulatorProcess.start(
            List.of(),
            List.of("-Xmx256m"),
            Map.of(
                "sim.truthLog", truthLog.toString(),
                "sim.ttftMs", "30",
                "sim.itlMs", "5",
                "sim.jitter", "0.6",
                // prompts of 16 to 600 tokens at 5000 tokens/s: up to 120 ms more TTFT, so
                // the two generators' tails differ
                "sim.prefillTokensPerSec", "5000"))) {
      GatlingRun share =
          GatlingRun.against(server)
              .property("totalRequests", TOTAL)
              .property("warmupRequests", WARMUP)
              .property("concurrency", 6)
              .property("promptTokens", "16:600")
              .property("outputTokens", OUTPUT_TOKENS)
              .property("stream", true)
              .property("requestLog", true)
              .property("injectorCount", 2);
      List<GatlingRun.Running> running = new ArrayList<>();
      for (int index = 0; index < 2; index++) {
        running.add(
            share.property("injectorIndex", index).into(dir.resolve("results-" + index)).start());
      }
      for (GatlingRun.Running run : running) {
        GatlingRun.Result r = run.await(120);
        assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
        runs.add(r);
      }
    }
    ToolResult result = mergeTool(runFolder(0) + "," + runFolder(1), dir.resolve("merged"));
    assertThat(result.exitCode())
        .as("merge stdout:%n%s%nstderr:%n%s", result.stdout(), result.stderr())
        .isZero();
    mergeStdout = result.stdout();
    merged = RunFiles.JSON.readTree(dir.resolve("merged").resolve("summary.json").toFile());
  }

  private String mergeStdout;

  private static ToolResult mergeTool(String runs, Path out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Druns=" + runs);
    command.add("-Dout=" + out);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("onlinebench.merge.MergeMain");
    Process p = new ProcessBuilder(command).start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new ToolResult(p.exitValue(), stdout, stderr);
  }

  private Path runFolder(int index) throws IOException {
    return runs.get(index).runFolder();
  }

  private JsonNode summary(int index) throws IOException {
    return runs.get(index).summary();
  }

  private List<JsonNode> requests(int index) throws IOException {
    return runs.get(index).requests();
  }

  @Test
  void eachGeneratorRanItsShare() throws IOException {
    assertThat(summary(0).get("completed").asLong() + summary(0).get("failed").asLong())
        .isEqualTo(TOTAL / 2);
    assertThat(summary(1).get("completed").asLong() + summary(1).get("failed").asLong())
        .isEqualTo(TOTAL / 2);
    assertThat(summary(1).at("/config/injectorIndex").asInt()).isEqualTo(1);
  }

  @Test
  void mergedCountsAreWhatTheServerSaw() throws IOException {
    List<JsonNode> truth = RunFiles.jsonLines(truthLog);
    // the preflight probe asks for one token, warmup and measured requests for outputTokens
    long load =
        truth.stream().filter(t -> t.path("completion_tokens").asInt() == OUTPUT_TOKENS).count();
    long probes = truth.stream().filter(t -> t.path("completion_tokens").asInt() == 1).count();
    assertThat(probes).as("one preflight per generator").isEqualTo(2);
    assertThat(truth).hasSize((int) (load + probes));
    long measured = load - WARMUP; // the warmup is split too: 2 + 2
    assertThat(measured).isEqualTo(TOTAL);
    assertThat(merged.get("completed").asLong() + merged.get("failed").asLong())
        .isEqualTo(measured);
    assertThat(merged.get("failed").asLong()).isZero();
  }

  @Test
  void mergedTokensAreTheSumsOfTheRuns() throws IOException {
    for (String key : List.of("total_input_tokens", "total_output_tokens")) {
      assertThat(merged.get(key).asLong())
          .as(key)
          .isEqualTo(summary(0).get(key).asLong() + summary(1).get(key).asLong());
    }
    assertThat(merged.get("total_output_tokens").asLong()).isEqualTo((long) TOTAL * OUTPUT_TOKENS);
  }

  @Test
  void mergedPercentilesComeFromAllTheRequests() throws IOException {
    Histogram all = new Histogram(3);
    for (int index = 0; index < 2; index++) {
      for (JsonNode line : requests(index)) {
        all.recordValue(Math.round(line.get("e2el_ms").asDouble() * 1e6));
      }
    }
    assertThat(all.getTotalCount()).isEqualTo(TOTAL);
    double[][] checks = {
      {50, merged.get("median_e2el_ms").asDouble()},
      {90, merged.get("p90_e2el_ms").asDouble()},
      {99, merged.get("p99_e2el_ms").asDouble()}
    };
    for (double[] check : checks) {
      assertThat(check[1])
          .as("p%s e2el of the merged run, ms", check[0])
          .isCloseTo(all.getValueAtPercentile(check[0]) / 1e6, withinPercentage(0.2));
    }
    double p99a = summary(0).get("p99_e2el_ms").asDouble();
    double p99b = summary(1).get("p99_e2el_ms").asDouble();
    System.out.printf(
        "MergeIT: p99 e2el %.3f ms and %.3f ms per generator, %.3f ms merged (mean %.3f)%n",
        p99a, p99b, merged.get("p99_e2el_ms").asDouble(), (p99a + p99b) / 2);
    // An average of the two runs' p99 is a wrong merge; it can be told apart from the pooled p99
    // only when the two differ by more than the 0.2% tolerance above (by chance they may not).
    double pooled = all.getValueAtPercentile(99) / 1e6;
    double mean = (p99a + p99b) / 2;
    if (Math.abs(pooled - mean) > 0.004 * mean) {
      assertThat(Math.abs(merged.get("p99_e2el_ms").asDouble() - pooled))
          .as("merged p99 nearer the pooled p99 (%.3f) than the runs' mean (%.3f)", pooled, mean)
          .isLessThan(Math.abs(merged.get("p99_e2el_ms").asDouble() - mean));
    }
  }

  @Test
  void mergedDurationSpansBothRuns() throws IOException {
    double duration = merged.get("duration").asDouble();
    assertThat(duration)
        .isGreaterThanOrEqualTo(
            Math.max(summary(0).get("duration").asDouble(), summary(1).get("duration").asDouble()))
        .isLessThan(
            summary(0).get("duration").asDouble() + summary(1).get("duration").asDouble() + 30);
    assertThat(merged.get("request_throughput").asDouble())
        .isCloseTo(TOTAL / duration, withinPercentage(1e-6));
  }

  @Test
  void mergedRunNamesItsSourcesAndWritesEveryFile() {
    assertThat(merged.get("merged_from")).hasSize(2);
    assertThat(merged.at("/config/injectorCount").asInt()).isEqualTo(2);
    assertThat(merged.at("/config/injectorIndex").asText()).isEqualTo("(merged)");
    for (String file : List.of("summary.csv", "histograms.json", "llm.html")) {
      assertThat(dir.resolve("merged").resolve(file)).isRegularFile();
    }
    assertThat(mergeStdout)
        .contains("Merged 2 load generators' runs:")
        .contains("Requests (ok/err): " + TOTAL + "/0");
  }

  @Test
  void aUserWrittenSimulationsRunsMergeByRequestName() throws Exception {
    List<GatlingRun.Result> scenarioRuns = new ArrayList<>();
    List<TruthRecord> served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      List<GatlingRun.Running> running = new ArrayList<>();
      for (int index = 0; index < 2; index++) {
        running.add(
            GatlingRun.against(server)
                .simulation(ConversationExampleSimulation.class)
                .property("users", 2 + index)
                .withoutReports()
                .into(dir.resolve("scenario-" + index))
                .start());
      }
      for (GatlingRun.Running run : running) {
        GatlingRun.Result r = run.await(120);
        r.assertExitCode(0);
        scenarioRuns.add(r);
      }
      served = server.servedRequests();
    }
    Path out = dir.resolve("scenario-merged");

    ToolResult result =
        mergeTool(scenarioRuns.get(0).runFolder() + "," + scenarioRuns.get(1).runFolder(), out);

    assertThat(result.exitCode()).as("merge stderr:%n%s", result.stderr()).isZero();
    JsonNode m = RunFiles.JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(m.get("users").asLong()).as("2 + 3 users").isEqualTo(5);
    assertThat(m.at("/per_request_name/chat/completed").asLong())
        .as("every chat request the server saw, 3 turns per user")
        .isEqualTo(served.size())
        .isEqualTo(15);
    assertThat(m.at("/per_request_name/chat/total_output_tokens").asLong())
        .isEqualTo(served.stream().mapToLong(TruthRecord::completionTokens).sum());
    assertThat(m.at("/sessions/completed").asLong()).isEqualTo(5);
    assertThat(m.get("per_turn"))
        .extracting(t -> t.path("turn").asInt() + ":" + t.path("requests").asLong())
        .containsExactly("1:5", "2:5", "3:5");
    assertThat(result.stdout()).contains("=== Per request name ===").contains("Histograms: ");
  }

  @Test
  void refusesAnIncompleteSetOfShares() throws Exception {
    ToolResult r = mergeTool(runFolder(0).toString(), dir.resolve("incomplete"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr().strip())
        .isEqualTo(
            "merge: "
                + runFolder(0)
                + " ran as one of injectorCount=2 generators, but 1 run was given: merge all the"
                + " shares of one benchmark, each once");
  }

  @Test
  void refusesTheSameShareTwice() throws Exception {
    ToolResult r = mergeTool(runFolder(1) + "," + runFolder(1), dir.resolve("twice"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr().strip()).contains("both ran as injectorIndex=1");
  }
}
