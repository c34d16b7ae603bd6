package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import onlinebench.simulator.Conversations;
import onlinebench.simulator.Realism;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code -Dworkload=conversation} through real Gatling against the simulator with its
 * prefix cache on: every session's turns carry the history, so prompts grow turn by turn and later
 * turns hit the cache; the per-turn figures, the sessions and the hit rate add up to what the
 * simulator's own truth log says it served.
 */
class ConversationWorkloadIT {
  private static final int SESSIONS = 6;
  private static final int TURNS = 4;
  private static final double PREFILL_TOKENS_PER_SEC = 10_000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void laterTurnsGrowAndHitThePrefixCacheAsTheSimulatorSaysItServed() throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withConversations(Conversations.defaults().withPrefixCache(true)))) {
      run =
          GatlingRun.against(server)
              .property("workload", "conversation")
              .property("turns", TURNS)
              .property("sessions", SESSIONS)
              .property("concurrency", 2)
              .property("systemPromptTokens", 40)
              .property("promptTokens", 24)
              .property("outputTokens", 8)
              .property("stream", true)
              // only the sessions reach the simulator, so its truth log is theirs alone
              .property("warmupRequests", 0)
              .property("preflight", false)
              .withoutReports()
              .into(dir.resolve("results"))
              .run();
      served = server.servedRequests();
    }

    run.assertExitCode(0);
    JsonNode summary = run.summary();
    assertThat(served).as("every turn of every session, all answered").hasSize(SESSIONS * TURNS);
    assertThat(served).allSatisfy(t -> assertThat(t.status()).isEqualTo(200));
    assertThat(summary.get("completed").asLong()).isEqualTo(SESSIONS * TURNS);
    assertThat(summary.get("failed").asLong()).isZero();

    JsonNode sessions = summary.get("sessions");
    assertThat(sessions.get("completed").asLong()).isEqualTo(SESSIONS);
    assertThat(sessions.get("failed").asLong()).isZero();
    assertThat(sessions.get("mean_turns").asDouble()).isEqualTo(TURNS);
    assertThat(sessions.get("p99_duration_ms").asDouble())
        .as("a session lasts at least its turns' answers")
        .isGreaterThanOrEqualTo(sessions.get("min_duration_ms").asDouble())
        .isPositive();

    JsonNode perTurn = summary.get("per_turn");
    assertThat(perTurn).hasSize(TURNS);
    List<Double> prompts = new ArrayList<>();
    long requests = 0;
    for (int i = 0; i < TURNS; i++) {
      JsonNode turn = perTurn.get(i);
      assertThat(turn.get("turn").asInt()).isEqualTo(i + 1);
      assertThat(turn.get("requests").asLong()).isEqualTo(SESSIONS);
      assertThat(turn.get("median_ttft_ms").isNumber()).as("streamed: TTFT by turn").isTrue();
      prompts.add(turn.get("mean_prompt_tokens").asDouble());
      requests += turn.get("requests").asLong();
      if (i > 0) {
        assertThat(turn.get("mean_cached_tokens").asDouble())
            .as("turn %d starts with the previous turn's whole prompt", i + 1)
            .isGreaterThan(perTurn.get(i - 1).get("mean_cached_tokens").asDouble())
            .isPositive();
      }
    }
    assertThat(prompts).as("each turn carries the history: prompts grow").isSorted();
    assertThat(prompts).doesNotHaveDuplicates();
    assertThat(requests).as("the turns add up to every request").isEqualTo(SESSIONS * TURNS);

    long truthCached = served.stream().mapToLong(TruthRecord::cachedTokens).sum();
    long truthPrompt = served.stream().mapToLong(TruthRecord::promptTokens).sum();
    assertThat(truthCached).isPositive();
    assertThat(summary.get("total_cached_tokens").asLong()).isEqualTo(truthCached);
    assertThat(summary.get("total_input_tokens").asLong()).isEqualTo(truthPrompt);
    assertThat(summary.get("prefix_cache_hit_rate").asDouble())
        .as("the simulator's own cached / prompt tokens, exactly")
        .isEqualTo((double) truthCached / truthPrompt);
    assertThat(run.stdout())
        .contains("Sessions: " + SESSIONS + " completed, 0 failed, 4.00 turns each")
        .contains("Prefix cache: ");
  }

  /** Median TTFT by turn index of a conversation run against a simulator with prefill time. */
  private List<Double> ttftByTurn(boolean prefixCache, String name) throws Exception {
    GatlingRun.Result run;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withDelays(Duration.ofMillis(20), Duration.ofMillis(1))
                .withRealism(Realism.none().withPrefillTokensPerSec(PREFILL_TOKENS_PER_SEC))
                .withConversations(Conversations.defaults().withPrefixCache(prefixCache)))) {
      run =
          GatlingRun.against(server)
              .property("workload", "conversation")
              .property("turns", TURNS)
              .property("sessions", 4)
              .property("concurrency", 1)
              .property("systemPromptTokens", 1000)
              .property("promptTokens", 200)
              .property("outputTokens", 8)
              .property("stream", true)
              .property("warmupRequests", 0)
              .withoutReports()
              .into(dir.resolve(name))
              .run();
    }
    assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
    List<Double> medians = new ArrayList<>();
    run.summary().get("per_turn").forEach(t -> medians.add(t.get("median_ttft_ms").asDouble()));
    assertThat(medians).hasSize(TURNS);
    return medians;
  }

  /**
   * Each turn adds 208 tokens (an 8-token answer and a 200-token question) to a 1200-token first
   * prompt: 20.8 ms more prefill per turn at 10,000 tokens/s, so turn 4 waits 62 ms longer than
   * turn 1 without a prefix cache. With it, a turn's prefill is only what its previous prompt did
   * not hold (about 208 tokens, 21 ms), whatever the history's length.
   */
  @Test
  void ttftByTurnRisesWithTheHistoryAndThePrefixCacheTakesItBack() throws Exception {
    List<Double> uncached = ttftByTurn(false, "uncached");
    List<Double> cached = ttftByTurn(true, "cached");

    assertThat(uncached.get(TURNS - 1) - uncached.get(0))
        .as("no cache: turn 4's median TTFT over turn 1's, model 62 ms; by turn %s", uncached)
        .isBetween(40.0, 120.0);
    assertThat(uncached.get(TURNS - 1) - cached.get(TURNS - 1))
        .as(
            "turn 4, no cache against cache: model 182 - 21 = 161 ms less prefill; uncached %s,"
                + " cached %s",
            uncached, cached)
        .isBetween(110.0, 220.0);
  }
}
