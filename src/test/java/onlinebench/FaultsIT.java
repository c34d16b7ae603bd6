package onlinebench;

import static onlinebench.RunFiles.assertKeyNowhere;
import static onlinebench.RunFiles.assertOneFirstFailureLinePerKind;
import static onlinebench.RunFiles.expectedOutcomes;
import static onlinebench.RunFiles.faultCounts;
import static onlinebench.RunFiles.jsonLines;
import static onlinebench.RunFiles.measuredOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import onlinebench.simulator.FaultPlan;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sim.faults kind through the real simulation: the benchmark's counts in summary.json equal
 * what the simulator's truth log says it did, kind by kind, and the run still ends normally.
 *
 * <p>One run per body type injects all nine kinds at 8 % each. Kinds that share an error key are
 * told apart by the status requests.jsonl keeps: 500 and 503; when streaming, slow (headers and a
 * first token, then silence: 200) and stall (nothing: 0).
 */
class FaultsIT {
  static final String EVERY_KIND =
      "500:0.08,503:0.08,429:0.08,reset:0.08,cut:0.08,malformed:0.08,stall:0.08,slow:0.08,"
          + "nousage:0.08";
  private static final String KEY = "sk-faults-it-0123456789abcdef";
  private static final int TOTAL = 120;

  @TempDir Path dir;

  /** A finished run and what the simulator logged for it. */
  record Outcome(
      GatlingProcess.Result run, JsonNode summary, List<JsonNode> truth, List<JsonNode> requests) {}

  /**
   * Runs the simulation against a simulator started here with {@code sim}, no preflight probe and
   * no warm-up, so the truth log holds exactly the measured requests; returns once the simulator is
   * closed and its truth log complete.
   */
  static Outcome run(Path dir, SimulatorConfig sim, Map<String, String> properties)
      throws Exception {
    Path truthLog = dir.resolve("truth.jsonl");
    Path results = dir.resolve("results");
    GatlingProcess.Result run;
    try (SimulatorServer server = SimulatorServer.start(sim.withTruthLog(truthLog))) {
      Map<String, String> all = new HashMap<>();
      all.put("apiBase", server.baseUrl().toString());
      all.put("model", "simulated-llm");
      all.put("preflight", "false");
      all.put("warmupRequests", "0");
      all.put("requestLog", "true");
      all.put("requestTimeout", "2s");
      all.putAll(properties);
      run = GatlingProcess.run(all, results, 180);
    }
    assertThat(run.exitCode())
        .as("exit code; stdout:%n%s%nstderr:%n%s", run.stdout(), run.stderr())
        .isZero();
    Path folder = RunFiles.runFolder(results);
    return new Outcome(
        run,
        RunFiles.summary(results),
        jsonLines(truthLog),
        jsonLines(folder.resolve("requests.jsonl")));
  }

  /**
   * What every run with faults must show: all requests accounted for, each exactly once at the
   * server (no silent re-send), and the benchmark's outcome counts equal the truth's.
   */
  static void assertCountsMatchTruth(Outcome o, int total) {
    JsonNode s = o.summary();
    assertThat(s.get("partial").asBoolean()).as("partial").isFalse();
    assertThat(s.get("unfinished").asLong()).as("unfinished").isZero();
    assertThat(s.get("completed").asLong() + s.get("failed").asLong())
        .as("completed + failed")
        .isEqualTo(total);
    assertThat(o.truth()).as("requests the simulator served: each sent once").hasSize(total);
    assertThat(o.requests()).as("lines of requests.jsonl").hasSize(total);
    assertThat(measuredOutcomes(s))
        .as("summary.json outcomes vs the truth log (faults %s)", faultCounts(o.truth()))
        .isEqualTo(expectedOutcomes(o.truth()));
    assertThat(s.get("failed").asLong())
        .as("failed = sum of errors")
        .isEqualTo(
            RunFiles.ERROR_KINDS.stream().mapToLong(k -> s.get("errors").get(k).asLong()).sum());
    assertThat(s.get("missing_usage").asLong())
        .as("missing_usage = nousage faults")
        .isEqualTo(faultCounts(o.truth()).getOrDefault("nousage", 0L));
  }

  static long truthCount(Outcome o, String fault) {
    return faultCounts(o.truth()).getOrDefault(fault, 0L);
  }

  static long requestCount(Outcome o, Predicate<JsonNode> which) {
    return o.requests().stream().filter(which).count();
  }

  static Predicate<JsonNode> error(String kind) {
    return r -> kind.equals(r.path("error").asText(null));
  }

  /** 500 and 503 both count as http_5xx: requests.jsonl keeps the status of each. */
  static void assert5xxByStatus(Outcome o) {
    assertThat(requestCount(o, error("http_5xx").and(r -> r.get("status").asInt() == 500)))
        .as("http_5xx with status 500 vs fault 500")
        .isEqualTo(truthCount(o, "500"));
    assertThat(requestCount(o, error("http_5xx").and(r -> r.get("status").asInt() == 503)))
        .as("http_5xx with status 503 vs fault 503")
        .isEqualTo(truthCount(o, "503"));
  }

  private static void assertEveryFaultOccurred(Outcome o) {
    assertThat(faultCounts(o.truth()))
        .as("the seed gives each kind at least one request")
        .containsKeys("500", "503", "429", "reset", "cut", "malformed", "stall", "slow", "nousage");
  }

  private static SimulatorConfig simulator() {
    // 16 tokens 5 ms apart; a slow request's second token would come 5 s after its first, beyond
    // the 2 s requestTimeout.
    return SimulatorConfig.defaults()
        .withDelays(Duration.ofMillis(20), Duration.ofMillis(5))
        .withApiKey(KEY)
        .withFaults(FaultPlan.parse(EVERY_KIND));
  }

  private static Map<String, String> load(boolean stream) {
    return Map.of(
        "apiKey",
        KEY,
        "stream",
        Boolean.toString(stream),
        "concurrency",
        "16",
        "totalRequests",
        Integer.toString(TOTAL),
        "promptTokens",
        "32",
        "outputTokens",
        "16");
  }

  @Test
  void everyFaultKindStreamingIsCountedAsTheTruthSays() throws Exception {
    Outcome o = run(dir, simulator(), load(true));

    assertEveryFaultOccurred(o);
    assertCountsMatchTruth(o, TOTAL);
    assert5xxByStatus(o);
    assertThat(requestCount(o, error("timeout").and(r -> r.get("status").asInt() == 200)))
        .as("timeouts after the headers (status 200) vs fault slow")
        .isEqualTo(truthCount(o, "slow"));
    assertThat(requestCount(o, error("timeout").and(r -> r.get("status").asInt() == 0)))
        .as("timeouts without any byte (status 0) vs fault stall")
        .isEqualTo(truthCount(o, "stall"));

    Map<String, String> first = assertOneFirstFailureLinePerKind(o.run().stdout(), o.summary());
    assertThat(first.get("http_5xx")).containsAnyOf("had an error", "overloaded");
    assertThat(first.get("http_429")).contains("Rate limit reached for simulated-llm");
    assertThat(first.get("stream_truncated")).isNotBlank();
    assertKeyNowhere(KEY, o.run(), dir);
  }

  @Test
  void everyFaultKindWithPlainBodiesIsCountedAsTheTruthSays() throws Exception {
    Outcome o = run(dir, simulator(), load(false));

    assertEveryFaultOccurred(o);
    assertCountsMatchTruth(o, TOTAL);
    assert5xxByStatus(o);
    // Without streaming, slow sends nothing before its body either: it looks just like a stall.
    assertThat(requestCount(o, error("timeout").and(r -> r.get("status").asInt() == 0)))
        .as("timeouts without any byte vs faults stall + slow")
        .isEqualTo(truthCount(o, "stall") + truthCount(o, "slow"));
    assertThat(requestCount(o, error("stream_truncated").and(r -> r.get("status").asInt() == 200)))
        .as("bodies cut after a 200 vs fault cut")
        .isEqualTo(truthCount(o, "cut"));

    Map<String, String> first = assertOneFirstFailureLinePerKind(o.run().stdout(), o.summary());
    assertThat(first.get("bad_response")).isNotBlank();
    assertKeyNowhere(KEY, o.run(), dir);
  }

  @Test
  void refusedKeyIsCountedAsHttp4xxAndNeverPrinted() throws Exception {
    String wrongKey = "sk-not-the-right-one-9876543210";
    SimulatorConfig sim =
        SimulatorConfig.defaults()
            .withDelays(Duration.ofMillis(5), Duration.ofMillis(1))
            .withApiKey(KEY);
    Map<String, String> properties = new HashMap<>(load(true));
    properties.put("apiKey", wrongKey);
    properties.put("totalRequests", "20");
    properties.put("concurrency", "4");
    Outcome o = run(dir, sim, properties);

    assertCountsMatchTruth(o, 20);
    assertThat(o.summary().get("errors").get("http_4xx").asLong()).isEqualTo(20);
    assertThat(o.truth()).allSatisfy(t -> assertThat(t.get("status").asInt()).isEqualTo(401));
    Map<String, String> first = assertOneFirstFailureLinePerKind(o.run().stdout(), o.summary());
    assertThat(first.get("http_4xx")).contains("HTTP 401").contains("Incorrect API key provided");
    assertKeyNowhere(wrongKey, o.run(), dir);
    assertKeyNowhere(KEY, o.run(), dir);
  }
}
