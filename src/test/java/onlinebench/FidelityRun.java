package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One streamed run timed against a simulator in its own JVM that logs when it wrote what, for the
 * fidelity ITs: the simulator pinned to core 0, the client to core 1, and the run's requests.jsonl
 * joined to the simulator's truth log by the server's request id ({@code x-request-id}).
 *
 * @param run the forked run
 * @param summary its summary.json
 * @param requests its requests.jsonl
 * @param truth the truth log's lines by request id
 */
record FidelityRun(
    GatlingRun.Result run, JsonNode summary, List<JsonNode> requests, Map<String, JsonNode> truth) {

  /**
   * Runs, streamed, with 64-token prompts, no preflight probe (it would be one more request in the
   * truth log than the run measured) and no progress line, against a simulator with the given TTFT
   * and ITL; {@code load} adds the run's own properties (concurrency, requests, tokens, JVM). Fails
   * unless the run exits 0. A truth log left in {@code dir} by an earlier run is replaced.
   */
  static FidelityRun start(
      Path dir, List<String> simulatorJvm, long ttftMs, long itlMs, UnaryOperator<GatlingRun> load)
      throws Exception {
    Path truthLog = dir.resolve("truth.jsonl");
    Files.createDirectories(dir);
    Files.deleteIfExists(truthLog);
    GatlingRun.Result run;
    try (SimulatorProcess simulator =
        SimulatorProcess.start(
            pin("0"),
            simulatorJvm,
            Map.of(
                "sim.ttftMs", Long.toString(ttftMs),
                "sim.itlMs", Long.toString(itlMs),
                "sim.truthLog", truthLog.toAbsolutePath().toString()))) {
      GatlingRun base =
          GatlingRun.against(simulator)
              .launchedWith(pin("1"))
              .property("stream", true)
              .property("promptTokens", 64)
              .property("requestLog", true)
              .property("progress", "off")
              .property("preflight", false)
              .into(dir.resolve("gatling"));
      run = load.apply(base).run();
    }
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    Map<String, JsonNode> truth = new LinkedHashMap<>();
    for (JsonNode line : RunFiles.jsonLines(truthLog)) {
      truth.put(line.get("id").asText(), line);
    }
    return new FidelityRun(run, run.summary(), run.requests(), truth);
  }

  /** The truth-log line of a line of requests.jsonl, or null if the simulator logged none. */
  JsonNode truthOf(JsonNode request) {
    return truth.get(request.get("request_id").asText());
  }

  /** What the simulator took from reading the request to writing its first token, ms. */
  static double truthTtftMs(JsonNode truth) {
    return (truth.get("chunk_nanos").get(0).asLong() - truth.get("arrival_nanos").asLong()) / 1e6;
  }

  /** The gaps between the simulator's consecutive token writes, ms. */
  static List<Double> truthItlsMs(JsonNode truth) {
    JsonNode writes = truth.get("chunk_nanos");
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < writes.size(); i++) {
      gaps.add((writes.get(i).asLong() - writes.get(i - 1).asLong()) / 1e6);
    }
    return gaps;
  }

  /**
   * {@code taskset -c <cpu>} when it can pin: the simulator on core 0 and the client on core 1 keep
   * their bursts from delaying each other (on this 2-core machine the harness's median TTFT error
   * went from about 6 ms unpinned to under 2 ms pinned). Nothing where taskset is missing or there
   * is one core.
   */
  static List<String> pin(String cpu) {
    boolean taskset =
        Runtime.getRuntime().availableProcessors() >= 2
            && Stream.of("/usr/bin/taskset", "/bin/taskset")
                .anyMatch(p -> Files.isExecutable(Paths.get(p)));
    return taskset ? List.of("taskset", "-c", cpu) : List.of();
  }

  static List<Double> abs(List<Double> values) {
    return values.stream().map(Math::abs).toList();
  }

  /** Nearest-rank percentile. */
  static double percentile(List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
