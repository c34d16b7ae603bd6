package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
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
  }

  @Test
  void configHasTheKeyMasked() {
    ObjectNode json = json(false);
    assertThat(json.toString()).doesNotContain("sk-secret-0123456789");
    assertThat(json.at("/config/apiKey").asText()).isEqualTo("sk-****89");
    assertThat(json.at("/config/concurrency").asInt()).isEqualTo(128);
  }
}
