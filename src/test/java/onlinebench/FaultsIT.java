package onlinebench;

import static onlinebench.FaultRun.error;
import static onlinebench.FaultRun.status;
import static onlinebench.RunFiles.assertKeyNowhere;
import static onlinebench.RunFiles.assertOneFirstFailureLinePerKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import onlinebench.simulator.FaultPlan;
import onlinebench.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sim.faults kind through the real simulation: the benchmark's counts in summary.json equal
 * what the simulator says it served, kind by kind, and the run still ends normally.
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
  private static final int CONCURRENCY = 16;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private static SimulatorConfig simulator() {
    // 16 tokens 5 ms apart; a slow request's second token would come 5 s after its first, beyond
    // the 3 s requestTimeout.
    return SimulatorConfig.defaults()
        .withDelays(Duration.ofMillis(20), Duration.ofMillis(5))
        .withApiKey(KEY)
        .withFaults(FaultPlan.parse(EVERY_KIND));
  }

  private static GatlingRun load(GatlingRun run, boolean stream) {
    return run.property("apiKey", KEY)
        .property("stream", stream)
        .property("concurrency", CONCURRENCY)
        .property("totalRequests", TOTAL)
        .property("promptTokens", 32)
        .property("outputTokens", 16);
  }

  @Test
  void everyFaultKindStreamingIsCountedAsTheTruthSays() throws Exception {
    FaultRun o = FaultRun.start(dir, simulator(), run -> load(run, true));

    o.assertEveryFaultOccurred();
    o.assertCountsMatchTruth(TOTAL, CONCURRENCY);
    o.assert5xxByStatus();
    o.assertStreamTimeoutsByStatus();

    Map<String, String> first = assertOneFirstFailureLinePerKind(o.run().stdout(), o.summary());
    assertThat(first.get("http_5xx")).containsAnyOf("had an error", "overloaded");
    assertThat(first.get("http_429")).contains("Rate limit reached for simulated-llm");
    assertThat(first.get("timeout")).contains("3000 ms");
    assertKeyNowhere(KEY, o.run(), dir);
  }

  @Test
  void everyFaultKindWithPlainBodiesIsCountedAsTheTruthSays() throws Exception {
    FaultRun o = FaultRun.start(dir, simulator(), run -> load(run, false));

    o.assertEveryFaultOccurred();
    o.assertCountsMatchTruth(TOTAL, CONCURRENCY);
    o.assert5xxByStatus();
    // Without streaming, slow sends nothing before its body either: it looks just like a stall.
    assertThat(o.requestCount(error("timeout").and(status(0))))
        .as("timeouts without any byte vs faults stall + slow")
        .isEqualTo(o.truthCount("stall") + o.truthCount("slow"));
    assertThat(o.requestCount(error("stream_truncated").and(status(200))))
        .as("bodies cut after a 200 vs fault cut")
        .isEqualTo(o.truthCount("cut"));

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
    FaultRun o =
        FaultRun.start(
            dir,
            sim,
            run ->
                load(run, true)
                    .property("apiKey", wrongKey)
                    .property("totalRequests", 20)
                    .property("concurrency", 4)
                    .property("warmupRequests", 0));

    o.assertCountsMatchTruth(20, 0);
    assertThat(o.summary().get("errors").get("http_4xx").asLong()).isEqualTo(20);
    assertThat(o.truth()).allSatisfy(t -> assertThat(t.status()).isEqualTo(401));
    Map<String, String> first = assertOneFirstFailureLinePerKind(o.run().stdout(), o.summary());
    assertThat(first.get("http_4xx")).contains("HTTP 401").contains("Incorrect API key provided");
    assertKeyNowhere(wrongKey, o.run(), dir);
    assertKeyNowhere(KEY, o.run(), dir);
  }
}
