package onlinebench.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import onlinebench.metrics.ClockAnchor;
import onlinebench.metrics.NamedRecorders;
import onlinebench.metrics.RunRecorder;
import onlinebench.record.RequestRecord;
import onlinebench.report.HistogramsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeMainTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private static Outcome merge(String runs, Path out) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code =
        MergeMain.run(
            Map.of("runs", runs, "out", out.toString()),
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
  }

  /** A run folder as a generator leaves it, with nothing recorded. */
  private Path run(String name, String model, int index, int count) throws Exception {
    return run(name, model, index, count, new RunRecorder());
  }

  /** A run folder holding what {@code recorder} recorded. */
  private Path run(String name, String model, int index, int count, RunRecorder recorder)
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    ObjectNode summary = JSON.createObjectNode();
    ObjectNode config = summary.putObject("config");
    config.put("model", model);
    config.put("stream", false);
    config.put("endpoint", "chat");
    config.put("injectorIndex", index);
    config.put("injectorCount", count);
    Files.write(folder.resolve("summary.json"), JSON.writeValueAsBytes(summary));
    HistogramsFile.write(folder, recorder.snapshot());
    return folder;
  }

  @Test
  void requiresRuns() {
    Outcome o = merge(" ", dir.resolve("out"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip())
        .isEqualTo(
            "merge: runs is required: -Druns=dirA,dirB,... (the run folders of every load"
                + " generator, each holding summary.json and histograms.json)");
    assertThat(o.out()).isEmpty();
  }

  @Test
  void refusesAFolderWithoutHistograms() throws Exception {
    Path a = run("a", "m", 0, 2);
    Path b = run("b", "m", 1, 2);
    Files.delete(b.resolve("histograms.json"));
    Outcome o = merge(a + "," + b, dir.resolve("out"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip())
        .isEqualTo(
            "merge: "
                + b
                + " holds no readable histograms.json (a single-level run writes it; a sweep does"
                + " not)");
  }

  @Test
  void refusesRunsOfDifferentModels() throws Exception {
    Path a = run("a", "m1", 0, 2);
    Path b = run("b", "m2", 1, 2);
    Outcome o = merge(a + "," + b, dir.resolve("out"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip())
        .isEqualTo(
            "merge: runs must share model to be merged, got \"m1\" ("
                + a
                + ") and \"m2\" ("
                + b
                + ")");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void refusesAMissingShare() throws Exception {
    Path a = run("a", "m", 0, 3);
    Path b = run("b", "m", 1, 3);
    Outcome o = merge(a + "," + b, dir.resolve("out"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("ran as one of injectorCount=3 generators, but 2 runs were given");
  }

  @Test
  void mergesEmptySharesIntoAnEmptyRun() throws Exception {
    Path a = run("a", "m", 0, 2);
    Path b = run("b", "m", 1, 2);
    Outcome o = merge(a + "," + b, dir.resolve("out"));
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("Merged 2 load generators' runs:")
        .contains("Requests (ok/err): 0/0")
        .contains("\ninjectorIndex: (merged)\n")
        .contains("\ninjectorCount: 2\n");
    var merged = JSON.readTree(dir.resolve("out").resolve("summary.json").toFile());
    assertThat(merged.get("completed").asLong()).isZero();
    assertThat(merged.get("merged_from")).hasSize(2);
  }

  /** {@code count} requests of {@code e2eMs} each, all started at once. */
  private static RunRecorder requestsOf(long e2eMs, int count) {
    RunRecorder recorder = new RunRecorder();
    for (int i = 0; i < count; i++) {
      recorder.record(
          RequestRecord.completed(0, e2eMs * 1_000_000, OptionalLong.of(10), OptionalLong.of(5)));
    }
    return recorder;
  }

  @Test
  void takesPercentilesFromAllTheRequestsNotAnAverageOfTheRuns() throws Exception {
    // p99 of 100 ms and of 300 ms: their mean is 200, but the pooled p99 is 300
    Path a = run("a", "m", 0, 2, requestsOf(100, 100));
    Path b = run("b", "m", 1, 2, requestsOf(300, 100));
    Outcome o = merge(a + "," + b, dir.resolve("out"));
    assertThat(o.code()).as(o.err()).isZero();
    var merged = JSON.readTree(dir.resolve("out").resolve("summary.json").toFile());
    assertThat(merged.get("completed").asLong()).isEqualTo(200);
    assertThat(merged.get("p99_e2el_ms").asDouble()).isCloseTo(300, withinPercentage(0.1));
    assertThat(merged.get("median_e2el_ms").asDouble()).isCloseTo(100, withinPercentage(0.1));
  }

  /** A user-written Simulation's run folder: {@code users} users, each asking once per name. */
  private Path scenarioRun(String name, String model, int users, String... requestNames)
      throws Exception {
    return scenarioRun(name, "conversation", ClockAnchor.now(), model, users, requestNames);
  }

  /**
   * A user-written Simulation's run folder, its requests sent when {@code clock} says (each from
   * nanoTime 0 to 100 ms).
   */
  private Path scenarioRun(
      String name,
      String simulation,
      ClockAnchor clock,
      String model,
      int users,
      String... requestNames)
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    NamedRecorders recorders = new NamedRecorders(Optional.empty(), clock);
    for (int user = 0; user < users; user++) {
      for (String requestName : requestNames) {
        recorders
            .sink(requestName)
            .record(
                RequestRecord.completed(0, 100_000_000, OptionalLong.of(10), OptionalLong.of(5)));
      }
    }
    ObjectNode summary = JSON.createObjectNode();
    summary.put("model_id", model);
    summary.put("users", users);
    summary.put("partial", false);
    summary.putObject("per_request_name");
    ObjectNode config = summary.putObject("config");
    config.put("model", model);
    config.put("stream", true);
    config.put("slo", "(none)");
    config.put("simulation", simulation);
    Files.write(folder.resolve("summary.json"), JSON.writeValueAsBytes(summary));
    HistogramsFile.write(folder, recorders.snapshot());
    return folder;
  }

  @Test
  void mergesAUserWrittenSimulationsRunsByRequestName() throws Exception {
    Path a = scenarioRun("a", "m", 2, "search", "answer");
    Path b = scenarioRun("b", "m", 3, "answer");
    Outcome o = merge(a + "," + b, dir.resolve("out"));
    assertThat(o.code()).as(o.err()).isZero();

    var merged = JSON.readTree(dir.resolve("out").resolve("summary.json").toFile());
    assertThat(merged.get("users").asLong()).isEqualTo(5);
    assertThat(merged.get("completed").asLong()).isEqualTo(2 + 2 + 3);
    assertThat(merged.at("/per_request_name/search/completed").asLong()).isEqualTo(2);
    assertThat(merged.at("/per_request_name/answer/completed").asLong()).isEqualTo(5);
    assertThat(merged.at("/per_request_name/answer/total_output_tokens").asLong()).isEqualTo(25);
    assertThat(merged.get("merged_from")).hasSize(2);
    assertThat(o.out())
        .contains("=== Per request name ===")
        .containsPattern("(?m)^answer  ok/err 5/0 ");
    NamedRecorders.Snapshot written =
        HistogramsFile.read(dir.resolve("out").resolve("histograms.json"));
    assertThat(written.byName().keySet())
        .as("the merged histograms merge again")
        .containsExactly("search", "answer");
  }

  @Test
  void refusesToMixTheBenchmarksRunsWithAUserWrittenSimulations() throws Exception {
    Path scenario = scenarioRun("a", "m", 1, "chat");
    Path benchmark = run("b", "m", 0, 1);
    Outcome o = merge(scenario + "," + benchmark, dir.resolve("out"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip())
        .isEqualTo(
            "merge: runs must all be the benchmark's or all a user-written Simulation's to be"
                + " merged, got "
                + scenario
                + " (a user-written Simulation's) and "
                + benchmark
                + " (the benchmark's)");
  }

  @Test
  void refusesAUserWrittenSimulationsRunGivenTwice() throws Exception {
    Path a = scenarioRun("a", "m", 1, "chat");
    Outcome o = merge(a + "," + a, dir.resolve("out"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip()).isEqualTo("merge: " + a + " was given twice: merge each run once");
  }

  @Test
  void refusesRunsOfTwoDifferentSimulations() throws Exception {
    Path a = scenarioRun("a", "conversation", ClockAnchor.now(), "m", 1, "chat");
    Path b = scenarioRun("b", "ragexample", ClockAnchor.now(), "m", 1, "chat");
    Outcome o = merge(a + "," + b, dir.resolve("out"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip())
        .isEqualTo(
            "merge: runs must share simulation to be merged, got \"conversation\" ("
                + a
                + ") and \"ragexample\" ("
                + b
                + ")");
  }

  @Test
  void refusesAMergedRunAsAnInput() throws Exception {
    Path a = scenarioRun("a", "m", 1, "chat");
    Path b = scenarioRun("b", "m", 1, "chat");
    assertThat(merge(a + "," + b, dir.resolve("merged")).code()).isZero();
    Outcome o = merge(a + "," + dir.resolve("merged"), dir.resolve("again"));
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err().strip())
        .isEqualTo(
            "merge: "
                + dir.resolve("merged")
                + " is a merged run: merge the load generators' own run folders (it lists them in"
                + " merged_from)");
  }

  @Test
  void warnsWhenTheRunsDidNotOverlapInTime() throws Exception {
    long hour = 3_600_000_000_000L;
    Path a = scenarioRun("a", "conversation", new ClockAnchor(hour, 0), "m", 1, "chat");
    Path b = scenarioRun("b", "conversation", new ClockAnchor(3 * hour, 0), "m", 1, "chat");
    Path c = scenarioRun("c", "conversation", new ClockAnchor(3 * hour, 0), "m", 1, "chat");
    String warning = "Warning: the runs did not all overlap in time";

    assertThat(merge(a + "," + b, dir.resolve("apart")).out()).contains(warning);
    assertThat(merge(b + "," + c, dir.resolve("together")).out()).doesNotContain(warning);
  }
}
