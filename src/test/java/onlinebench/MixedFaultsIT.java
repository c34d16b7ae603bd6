package onlinebench;

import static onlinebench.RunFiles.assertKeyNowhere;
import static onlinebench.RunFiles.assertOneFirstFailureLinePerKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import onlinebench.simulator.FaultPlan;
import onlinebench.simulator.Realism;
import onlinebench.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A realistic bad day: 10 % of requests fail in every way the simulator knows, at concurrency 64,
 * on a server with prefill, batching and jitter. The run ends within its timeouts and every count
 * still equals the truth.
 */
class MixedFaultsIT {
  private static final String KEY = "sk-mixed-faults-it-abcdef0123456789";
  private static final int TOTAL = 400;
  private static final String TEN_PERCENT =
      "500:0.012,503:0.011,429:0.011,reset:0.011,cut:0.011,malformed:0.011,stall:0.011,"
          + "slow:0.011,nousage:0.011";

  private static final int CONCURRENCY = 64;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void tenPercentMixedFaultsAtConcurrency64AddUpExactly() throws Exception {
    SimulatorConfig sim =
        SimulatorConfig.defaults()
            .withDelays(Duration.ofMillis(20), Duration.ofMillis(2))
            .withRealism(
                Realism.none()
                    .withPrefillTokensPerSec(50_000)
                    .withBatchSlowdown(0.02)
                    .withJitter(0.1))
            .withApiKey(KEY)
            .withFaults(FaultPlan.parse(TEN_PERCENT));
    FaultRun o =
        FaultRun.start(
            dir,
            sim,
            run ->
                run.property("apiKey", KEY)
                    .property("stream", true)
                    .property("concurrency", CONCURRENCY)
                    .property("totalRequests", TOTAL)
                    .property("promptTokens", 128)
                    .property("outputTokens", 16));

    o.assertEveryFaultOccurred();
    long faults = o.truth().stream().filter(t -> t.fault() != null).count();
    assertThat(faults).as("requests with a fault, about 10 %% of %d", TOTAL).isBetween(20L, 70L);
    o.assertCountsMatchTruth(TOTAL, CONCURRENCY);
    o.assert5xxByStatus();
    o.assertStreamTimeoutsByStatus();

    // Within its timeouts: no request outlives requestTimeout (3 s) by more than scheduling slack,
    // and the whole run takes seconds, not a stuck virtual user's minutes.
    for (JsonNode r : o.requests()) {
      assertThat(r.get("e2el_ms").asDouble()).as("e2el of %s", r).isLessThan(4_500.0);
    }
    assertThat(o.summary().get("duration").asDouble()).as("measured seconds").isLessThan(30.0);

    Map<String, String> first = assertOneFirstFailureLinePerKind(o.run().stdout(), o.summary());
    assertThat(first.get("http_5xx")).containsAnyOf("had an error", "overloaded");
    assertThat(first.get("http_429")).contains("Rate limit reached");
    assertThat(first.get("timeout")).contains("3000 ms");
    assertKeyNowhere(KEY, o.run(), dir);
  }
}
