package onlinebench;

import static onlinebench.RunFiles.expectedOutcomes;
import static onlinebench.RunFiles.faultCounts;
import static onlinebench.RunFiles.measuredOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import onlinebench.simulator.FaultPlan;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;

/**
 * One forked run against a simulator with faults, and what the simulator says it did for the
 * measured requests ({@link SimulatorServer#servedRequests()}).
 *
 * <p>Warm-up requests hit the simulator too, answered without faults (an enqueued script). They all
 * reach it before the first measured one (the measured users start when the warm-up users are
 * done), so they are the first {@code warmupRequests} request numbers and are set apart; the
 * measured requests' faults are drawn as always from the seed and the request number. A warm-up of
 * one request per user opens the connections before the measured phase: on a loaded machine, two
 * cold JVMs opening 64 connections at once can take longer than a short requestTimeout, which would
 * turn fault-free requests into (correctly counted) timeouts.
 *
 * @param run the process's exit code and output
 * @param summary summary.json
 * @param truth what the simulator served for the measured requests
 * @param warmupTruth what the simulator served for the warm-up requests
 * @param requests requests.jsonl
 */
record FaultRun(
    GatlingRun.Result run,
    JsonNode summary,
    List<TruthRecord> truth,
    List<TruthRecord> warmupTruth,
    List<JsonNode> requests) {

  private static final String ID_PREFIX = "chatcmpl-sim-";

  /**
   * Runs the simulation against a simulator started here with {@code sim}, without the preflight
   * probe (it would be one more request served); returns once every request the run sent has been
   * answered and recorded. {@code load} must set concurrency; warmupRequests defaults to it,
   * requestTimeout to 3 s.
   */
  static FaultRun start(Path dir, SimulatorConfig sim, UnaryOperator<GatlingRun> load)
      throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> truth;
    int warmup;
    try (SimulatorServer server =
        SimulatorServer.start(sim.withCaptureLimit(SimulatorConfig.DEFAULT_CAPTURE_LIMIT))) {
      GatlingRun faulty =
          load.apply(
              GatlingRun.against(server)
                  .withoutSelfWarmup()
                  .property("preflight", false)
                  .property("requestLog", true)
                  .property("requestTimeout", "3s")
                  .into(dir.resolve("results")));
      if (!faulty.properties().containsKey("warmupRequests")) {
        faulty = faulty.property("warmupRequests", faulty.properties().get("concurrency"));
      }
      warmup = Integer.parseInt(faulty.properties().get("warmupRequests"));
      // Warm-up requests are answered without faults: a warm-up reset would be re-sent on a fresh
      // connection after the warm-up's request numbers and be counted here as a measured request.
      server.enqueue(Collections.nCopies(warmup, FaultPlan.none()).toArray(FaultPlan[]::new));
      run = faulty.run();
      truth = server.servedRequests();
    }
    assertThat(run.exitCode())
        .as(
            "exit code (files kept in %s); stdout:%n%s%nstderr:%n%s",
            dir, run.stdout(), run.stderr())
        .isZero();
    return new FaultRun(
        run,
        run.summary(),
        truth.stream().filter(t -> number(t) > warmup).toList(),
        truth.stream().filter(t -> number(t) <= warmup).toList(),
        run.requests());
  }

  private static long number(TruthRecord truth) {
    String id = truth.id();
    assertThat(id).startsWith(ID_PREFIX);
    return Long.parseLong(id.substring(ID_PREFIX.length()));
  }

  /**
   * What every run with faults must show: all requests accounted for, each served exactly once (no
   * silent re-send), and the benchmark's outcome counts equal the truth's, kind by kind.
   */
  void assertCountsMatchTruth(int total, int warmup) {
    JsonNode s = summary;
    assertThat(s.get("partial").asBoolean()).as("partial").isFalse();
    assertThat(s.get("unfinished").asLong()).as("unfinished").isZero();
    assertThat(s.get("completed").asLong() + s.get("failed").asLong())
        .as("completed + failed")
        .isEqualTo(total);
    assertThat(warmupTruth.size()).as("warm-up requests the simulator served").isEqualTo(warmup);
    // A reset before any byte of the answer, on a connection that had served an earlier request, is
    // what a server closing a kept-alive connection looks like: the request goes out once more on a
    // fresh connection (ChatListener). No other fault may be sent again: once the answer began, a
    // lost connection is a failure, never a second request.
    long retries = s.get("connection_retries").asLong();
    assertThat(retries)
        .as("connection retries: only reset faults are sent again")
        .isLessThanOrEqualTo(truthCount("reset"));
    assertThat(truth.size())
        .as("measured requests the simulator served: each once, plus one per connection retry")
        .isEqualTo(total + retries);
    assertThat(requests.size()).as("lines of requests.jsonl").isEqualTo(total);
    assertThat(requests.stream().filter(r -> r.path("connection_retried").asBoolean()).count())
        .as("requests.jsonl lines marked connection_retried")
        .isEqualTo(retries);
    Map<String, Long> expected = expectedOutcomes(truth);
    // each retried request's first attempt is a reset line whose outcome is its second attempt's
    expected.merge("connection", -retries, Long::sum);
    assertThat(measuredOutcomes(s))
        .as("summary.json outcomes vs what the simulator served (faults %s)", faultCounts(truth))
        .isEqualTo(expected);
    assertThat(s.get("failed").asLong())
        .as("failed = sum of errors")
        .isEqualTo(
            RunFiles.ERROR_KINDS.stream().mapToLong(k -> s.get("errors").get(k).asLong()).sum());
    assertThat(s.get("missing_usage").asLong())
        .as("missing_usage = nousage faults")
        .isEqualTo(truthCount("nousage"));
  }

  /** Measured requests the simulator gave {@code fault}. */
  long truthCount(String fault) {
    return faultCounts(truth).getOrDefault(fault, 0L);
  }

  /** Lines of requests.jsonl that match. */
  long requestCount(Predicate<JsonNode> which) {
    return requests.stream().filter(which).count();
  }

  static Predicate<JsonNode> error(String kind) {
    return r -> kind.equals(r.path("error").asText(null));
  }

  static Predicate<JsonNode> status(int status) {
    return r -> r.get("status").asInt() == status;
  }

  /** 500 and 503 both count as http_5xx: requests.jsonl keeps the status of each. */
  void assert5xxByStatus() {
    assertThat(requestCount(error("http_5xx").and(status(500))))
        .as("http_5xx with status 500 vs fault 500")
        .isEqualTo(truthCount("500"));
    assertThat(requestCount(error("http_5xx").and(status(503))))
        .as("http_5xx with status 503 vs fault 503")
        .isEqualTo(truthCount("503"));
  }

  /** Streaming: slow sends headers (status 200) and a first token, stall sends nothing. */
  void assertStreamTimeoutsByStatus() {
    assertThat(requestCount(error("timeout").and(status(200))))
        .as("timeouts after the headers (status 200) vs fault slow")
        .isEqualTo(truthCount("slow"));
    assertThat(requestCount(error("timeout").and(status(0))))
        .as("timeouts without any byte (status 0) vs fault stall")
        .isEqualTo(truthCount("stall"));
  }

  void assertEveryFaultOccurred() {
    assertThat(faultCounts(truth))
        .as("the seed gives each kind at least one measured request")
        .containsKeys("500", "503", "429", "reset", "cut", "malformed", "stall", "slow", "nousage");
  }
}
