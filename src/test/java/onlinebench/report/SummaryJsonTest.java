package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import onlinebench.config.Tokenizer;
import onlinebench.metrics.HarnessCheck;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.ReasoningStats;
import onlinebench.prompt.PromptSizing;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {
  private static ObjectNode json(boolean stream) {
    return SummaryJson.toJson(
        ReportFixtures.summary(stream), ReportFixtures.facts(stream), Instant.EPOCH);
  }

  @Test
  void usesVllmKeyNames() {
    ObjectNode json = json(true);
    assertThat(json.fieldNames())
        .toIterable()
        .contains(
            "duration",
            "completed",
            "failed",
            "total_input_tokens",
            "total_output_tokens",
            "request_throughput",
            "output_throughput",
            "total_token_throughput",
            "mean_ttft_ms",
            "median_ttft_ms",
            "std_ttft_ms",
            "p90_ttft_ms",
            "p95_ttft_ms",
            "p99_ttft_ms",
            "mean_tpot_ms",
            "p99_itl_ms",
            "mean_e2el_ms",
            "p99_e2el_ms",
            "min_e2el_ms",
            "max_e2el_ms",
            "errors",
            "missing_usage",
            "config");
    assertThat(json.get("completed").asLong()).isEqualTo(1021);
    assertThat(json.get("p99_ttft_ms").asDouble()).isEqualTo(210.25);
  }

  @Test
  void listsEveryErrorKindAddingUpToFailed() {
    ObjectNode errors = (ObjectNode) json(false).get("errors");
    assertThat(errors.fieldNames())
        .toIterable()
        .containsExactly(
            "http_4xx",
            "http_429",
            "http_5xx",
            "timeout",
            "connection",
            "stream_truncated",
            "bad_response");
    long sum = 0;
    for (var e : errors.properties()) {
      sum += e.getValue().asLong();
    }
    assertThat(sum).isEqualTo(json(false).get("failed").asLong());
  }

  @Test
  void streamingFiguresAreNullWithoutStreaming() {
    ObjectNode json = json(false);
    assertThat(json.get("mean_ttft_ms").isNull()).isTrue();
    assertThat(json.get("p99_itl_ms").isNull()).isTrue();
    assertThat(json.get("mean_e2el_ms").asDouble()).isEqualTo(893.4);
  }

  @Test
  void recordsWhetherTheHarnessWasSaturated() {
    ObjectNode json = json(false);
    assertThat(json.get("harness_saturated").asBoolean()).isFalse();
    assertThat(json.at("/harness/event_loop_lag_p99_ms").asDouble()).isEqualTo(0.42);
    assertThat(json.at("/harness/cores").asInt()).isEqualTo(2);
    assertThat(json.at("/harness/verdict").asText()).isEqualTo("not_a_limit");
    assertThat(json.at("/harness/lag_samples").asLong()).isEqualTo(1200);
  }

  @Test
  void aRunTooShortToJudgeLeavesHarnessSaturatedNull() {
    RunFacts facts = ReportFixtures.facts(false);
    RunFacts tooShort =
        new RunFacts(
            facts.config(),
            false,
            false,
            new HarnessCheck(31.8, 37.0, 24, 0.3, 0.4, 2, List.of()),
            facts.promptSizing());

    ObjectNode json = SummaryJson.toJson(ReportFixtures.summary(false), tooShort, Instant.EPOCH);

    assertThat(json.get("harness_saturated").isNull()).isTrue();
    assertThat(json.at("/harness/verdict").asText()).isEqualTo("too_short_to_judge");
    assertThat(json.at("/harness/lag_samples").asLong()).isEqualTo(24);
  }

  @Test
  void reportsInputTokensAgainstTheTargetAndTheCalibration() {
    ObjectNode json = json(false);
    assertThat(json.get("target_input_tokens").asDouble()).isEqualTo(1024.0);
    assertThat(json.get("mean_input_tokens").asDouble()).isEqualTo(1024.0);
    assertThat(json.get("min_input_tokens").asLong()).isEqualTo(1019);
    assertThat(json.get("max_input_tokens").asLong()).isEqualTo(1030);
    assertThat(json.at("/prompt_calibration/tokenizer").asText()).isEqualTo("cl100k_base");
    assertThat(json.at("/prompt_calibration/calibrated").asBoolean()).isTrue();
    assertThat(json.at("/prompt_calibration/ratio").asDouble()).isEqualTo(1.0125);
    assertThat(json.at("/prompt_calibration/offset").asDouble()).isEqualTo(19.5);
    assertThat(json.at("/prompt_calibration/samples").asInt()).isEqualTo(8);
  }

  @Test
  void saysWhyPromptsWentUncalibrated() {
    ObjectNode json =
        SummaryJson.toJson(
            ReportFixtures.summary(false),
            ReportFixtures.facts(
                ReportFixtures.config(Map.of("warmupRequests", "0")),
                new PromptSizing(Tokenizer.O200K_BASE, OptionalDouble.of(1024), Optional.empty())),
            Instant.EPOCH);
    assertThat(json.at("/prompt_calibration/calibrated").asBoolean()).isFalse();
    assertThat(json.at("/prompt_calibration/ratio").isNull()).isTrue();
    assertThat(json.at("/prompt_calibration/samples").asInt()).isZero();
    assertThat(json.at("/prompt_calibration/reason").asText()).isEqualTo("warmupRequests=0");
  }

  @Test
  void flagsOutputShortOfMaxTokensOnlyWhenIgnoreEosIsOn() {
    var shortAnswers = ReportFixtures.summary(false, ReportFixtures.lengths(900.0));
    var ignoreEos =
        ReportFixtures.facts(
            ReportFixtures.config(Map.of("ignoreEos", "true")), ReportFixtures.promptSizing());
    ObjectNode flagged = SummaryJson.toJson(shortAnswers, ignoreEos, Instant.EPOCH);
    assertThat(flagged.get("mean_requested_output_tokens").asDouble()).isEqualTo(1024.0);
    assertThat(flagged.get("mean_output_tokens").asDouble()).isEqualTo(900.0);
    assertThat(flagged.get("output_tokens_mismatch").asBoolean()).isTrue();
    assertThat(
            SummaryJson.toJson(shortAnswers, ReportFixtures.facts(false), Instant.EPOCH)
                .get("output_tokens_mismatch")
                .asBoolean())
        .as("without ignoreEos a short answer is the server's choice")
        .isFalse();
    assertThat(
            SummaryJson.toJson(
                    ReportFixtures.summary(false, ReportFixtures.lengths(1000.0)),
                    ignoreEos,
                    Instant.EPOCH)
                .get("output_tokens_mismatch")
                .asBoolean())
        .as("2.3% short is within 5%")
        .isFalse();
  }

  @Test
  void configHasTheKeyMasked() {
    ObjectNode json = json(false);
    assertThat(json.toString()).doesNotContain("sk-secret-0123456789");
    assertThat(json.at("/config/apiKey").asText()).isEqualTo("sk-****89");
    assertThat(json.at("/config/concurrency").asInt()).isEqualTo(128);
  }

  @Test
  void reasoningFiguresHaveTheirKeysAndNullTimesWithoutReasoning() {
    ObjectNode none =
        SummaryJson.toJson(ReportFixtures.summary(true), ReportFixtures.facts(true), Instant.EPOCH);
    assertThat(none.get("total_reasoning_tokens").asLong()).isZero();
    assertThat(none.get("reasoning_requests").asLong()).isZero();
    assertThat(none.get("reasoning_tokens_counted_from_chunks").asLong()).isZero();
    assertThat(none.get("median_reasoning_time_ms").isNull()).isTrue();
    assertThat(none.get("median_ttfo_ms").asDouble()).isEqualTo(200.9);

    LatencyStats thinking =
        new LatencyStats(9, 320.41, 320.25, 1.1, 321.0, 321.5, 322.3, 318.0, 330.0, Double.NaN);
    ObjectNode some =
        SummaryJson.toJson(
            ReportFixtures.with(
                ReportFixtures.summary(true), new ReasoningStats(576, 9, 2, thinking)),
            ReportFixtures.facts(true),
            Instant.EPOCH);
    assertThat(some.get("total_reasoning_tokens").asLong()).isEqualTo(576);
    assertThat(some.get("reasoning_requests").asLong()).isEqualTo(9);
    assertThat(some.get("reasoning_tokens_counted_from_chunks").asLong()).isEqualTo(2);
    assertThat(some.get("median_reasoning_time_ms").asDouble()).isEqualTo(320.25);
    assertThat(some.get("p99_reasoning_time_ms").asDouble()).isEqualTo(322.3);
  }
}
