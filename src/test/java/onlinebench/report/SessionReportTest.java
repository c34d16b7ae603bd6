package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import onlinebench.metrics.RunRecorder;
import onlinebench.metrics.Summary;
import onlinebench.record.RequestRecord;
import onlinebench.record.SessionRecord;
import org.junit.jupiter.api.Test;

/** A session workload's keys and lines in summary.json and on the console. */
class SessionReportTest {
  private static final long MS = 1_000_000;
  private static final RunFacts CONVERSATION =
      ReportFixtures.facts(
          ReportFixtures.config(
              Map.of("workload", "conversation", "turns", "2", "sessions", "1", "stream", "true")),
          ReportFixtures.promptSizing());

  /** One session of two streamed turns; the second's prompt holds the first, mostly cached. */
  private static Summary oneConversation() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(
        RequestRecord.streamed(
                0, new long[] {50 * MS, 90 * MS}, OptionalLong.of(100), OptionalLong.of(2))
            .withCachedTokens(0)
            .withTurn(1));
    recorder.record(
        RequestRecord.streamed(
                100 * MS, new long[] {120 * MS, 160 * MS}, OptionalLong.of(200), OptionalLong.of(2))
            .withCachedTokens(96)
            .withTurn(2));
    recorder.recordSession(new SessionRecord(0, 160 * MS, 2, false));
    return recorder.summarize();
  }

  @Test
  void summaryJsonHasSessionsPerTurnAndTheHitRate() {
    ObjectNode json = SummaryJson.toJson(oneConversation(), CONVERSATION, Instant.EPOCH);

    assertThat(json.get("total_cached_tokens").asLong()).isEqualTo(96);
    assertThat(json.get("prefix_cache_hit_rate").asDouble()).isEqualTo(96.0 / 300);
    JsonNode sessions = json.get("sessions");
    assertThat(sessions.get("completed").asLong()).isEqualTo(1);
    assertThat(sessions.get("failed").asLong()).isZero();
    assertThat(sessions.get("mean_turns").asDouble()).isEqualTo(2.0);
    assertThat(sessions.get("max_duration_ms").asDouble()).isBetween(159.9, 160.1);
    JsonNode perTurn = json.get("per_turn");
    assertThat(perTurn).hasSize(2);
    assertThat(perTurn.get(1).get("turn").asInt()).isEqualTo(2);
    assertThat(perTurn.get(1).get("median_ttft_ms").asDouble()).isBetween(19.9, 20.1);
    assertThat(perTurn.get(1).get("mean_prompt_tokens").asDouble()).isEqualTo(200.0);
    assertThat(perTurn.get(1).get("mean_cached_tokens").asDouble()).isEqualTo(96.0);
    assertThat(json.get("num_prompts").isNull()).as("sized in sessions").isTrue();
    assertThat(json.get("config").get("sessions").asInt()).isEqualTo(1);
    assertThat(json.get("config").get("totalRequests").asText()).isEqualTo("(sessions)");
  }

  @Test
  void withoutSessionsOrCachedCountsTheKeysAreNullNeverZero() {
    ObjectNode json =
        SummaryJson.toJson(ReportFixtures.summary(true), ReportFixtures.facts(true), Instant.EPOCH);

    assertThat(json.get("sessions").isNull()).isTrue();
    assertThat(json.get("per_turn").isNull()).isTrue();
    assertThat(json.get("total_cached_tokens").isNull()).isTrue();
    assertThat(json.get("prefix_cache_hit_rate").isNull()).isTrue();
  }

  @Test
  void theConsoleHasOneSessionsLineAndThePrefixCacheLine() {
    String console = ConsoleSummary.render(oneConversation(), CONVERSATION);

    assertThat(console)
        .contains(
            "Sessions: 1 completed, 0 failed, 2.00 turns each, duration p50 0.160s p99 0.160s")
        .contains(
            "Prefix cache: 32.0% of prompt tokens cached (96 of 300, in the 2 answers that said)")
        .contains("history included; each new user message targets")
        .contains("Concurrency: 128 sessions");
    assertThat(ConsoleSummary.render(ReportFixtures.summary(true), ReportFixtures.facts(true)))
        .doesNotContain("Sessions:")
        .doesNotContain("Prefix cache:");
  }
}
