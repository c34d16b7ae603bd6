package onlinebench.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServerComparisonTest {
  private static final long S = 1_000_000_000L;

  private static ServerSample sample(
      long nanos, double running, double prompt, double generation, double fastTtft, double all) {
    Map<String, Double> mapped = new LinkedHashMap<>();
    mapped.put(ServerFamilies.RUNNING, running);
    mapped.put(ServerFamilies.WAITING, 0.0);
    mapped.put(ServerFamilies.PROMPT_TOKENS, prompt);
    mapped.put(ServerFamilies.GENERATION_TOKENS, generation);
    TreeMap<Double, Double> buckets = new TreeMap<>();
    buckets.put(0.1, fastTtft);
    buckets.put(0.2, all);
    buckets.put(Double.POSITIVE_INFINITY, all);
    return new ServerSample(nanos, mapped, buckets, Map.of());
  }

  private static ObjectNode ours() {
    return new ObjectMapper()
        .createObjectNode()
        .put("total_input_tokens", 300)
        .put("total_output_tokens", 900)
        .put("median_ttft_ms", 120.0)
        .put("p90_ttft_ms", 180.0)
        .put("p95_ttft_ms", 190.0)
        .put("p99_ttft_ms", 199.0);
  }

  @Test
  void countersAreDeltasBetweenTheSamplesBracketingTheMeasuredPhase() {
    // warmup before 10 s (100 prompt tokens), measured 10..13 s, something after 14 s
    List<ServerSample> samples =
        List.of(
            sample(9 * S, 4, 100, 300, 2, 4),
            sample(10 * S, 0, 100, 300, 2, 4), // the last at or before the first send
            sample(11 * S, 3, 200, 600, 5, 7),
            sample(12 * S, 5, 350, 1000, 7, 11),
            sample(13 * S + 5, 0, 400, 1200, 7, 14), // the first at or after the last end
            sample(14 * S, 9, 900, 5000, 20, 40));

    ObjectNode server = ServerComparison.json(samples, 10 * S, 13 * S, 2, ours());

    assertThat(server.get("prompt_tokens").asLong()).isEqualTo(300);
    assertThat(server.get("generation_tokens").asLong()).isEqualTo(900);
    assertThat(server.get("client_prompt_tokens").asLong()).isEqualTo(300);
    assertThat(server.get("prompt_tokens_difference").asLong()).isZero();
    assertThat(server.get("generation_tokens_difference").asLong()).isZero();
    assertThat(server.get("window_start_offset_s").asDouble()).isEqualTo(0.0);
    assertThat(server.get("window_end_offset_s").asDouble()).isEqualTo(3.0);
    assertThat(server.get("scrape_failures").asLong()).isEqualTo(2);
    // gauges from the samples within [first send, last end]: 10 s, 11 s, 12 s
    assertThat(server.get("samples").asInt()).isEqualTo(3);
    assertThat(server.get("mean_running").asDouble()).isCloseTo(8.0 / 3, within(1e-9));
    assertThat(server.get("max_running").asDouble()).isEqualTo(5.0);
    assertThat(server.get("max_kv_cache_usage").isNull()).isTrue();
    assertThat(ServerComparison.consoleLine(server))
        .startsWith(
            "Server (its /metrics): running mean 2.7 max 5, waiting mean 0.0 max 0; prompt");
  }

  @Test
  void ttftPercentilesComeFromTheBucketDeltasBesideOurs() {
    // over the window 10 requests: 5 at or below 100 ms, 5 in (100, 200] ms
    List<ServerSample> samples = List.of(sample(0, 0, 0, 0, 2, 4), sample(10 * S, 0, 0, 0, 7, 14));

    ObjectNode server = ServerComparison.json(samples, 1, 9 * S, 0, ours());

    assertThat(server.get("ttft_requests").asLong()).isEqualTo(10);
    assertThat(server.get("median_ttft_ms").asDouble()).isCloseTo(100.0, within(1e-9));
    assertThat(server.get("p90_ttft_ms").asDouble()).isCloseTo(180.0, within(1e-9));
    assertThat(server.get("client_median_ttft_ms").asDouble()).isEqualTo(120.0);
    assertThat(ServerComparison.consoleLine(server))
        .isEqualTo(
            "Server (its /metrics): no sample within the measured phase; prompt tokens 0 (ours 300,"
                + " -300); generation tokens 0 (ours 900, -900); TTFT median 100.0 ms (ours 120.0"
                + " ms)");
  }

  @Test
  void withoutABracketingSampleTheServersCountsAreNull() {
    List<ServerSample> samples = List.of(sample(5 * S, 1, 10, 10, 0, 0));

    ObjectNode server = ServerComparison.json(samples, 1, 9 * S, 0, ours());

    assertThat(server.get("prompt_tokens").isNull()).isTrue();
    assertThat(server.get("generation_tokens_difference").isNull()).isTrue();
    assertThat(server.get("median_ttft_ms").isNull()).isTrue();
    assertThat(server.get("window_start_offset_s").isNull()).isTrue();
    assertThat(server.get("mean_running").asDouble()).isEqualTo(1.0);
  }
}
