package onlinebench.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerFamiliesTest {

  private static final String VLLM =
      """
      # TYPE vllm:num_requests_running gauge
      vllm:num_requests_running{engine="0",model_name="m"} 3.0
      vllm:num_requests_running{engine="1",model_name="m"} 2.0
      # TYPE vllm:num_requests_waiting gauge
      vllm:num_requests_waiting{engine="0",model_name="m"} 1.0
      # TYPE vllm:gpu_cache_usage_perc gauge
      vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.5
      # TYPE vllm:kv_cache_usage_perc gauge
      vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.25
      vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.5
      # TYPE vllm:prompt_tokens counter
      vllm:prompt_tokens_total{engine="0",model_name="m"} 100.0
      # TYPE vllm:generation_tokens counter
      vllm:generation_tokens_total{engine="0",model_name="m"} 400.0
      # TYPE vllm:time_to_first_token_seconds histogram
      vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="m"} 4.0
      vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="m"} 5.0
      vllm:time_to_first_token_seconds_count{engine="0",model_name="m"} 5.0
      vllm:time_to_first_token_seconds_sum{engine="0",model_name="m"} 0.6
      # TYPE vllm:num_preemptions counter
      vllm:num_preemptions_total{engine="0",model_name="m"} 7.0
      """;

  @Test
  void mapsVllmAddingEnginesUpAndTakingTheFullestKvCache() {
    PrometheusScrape scrape = PrometheusText.parse(VLLM);

    assertThat(ServerFamilies.map(scrape))
        .containsExactly(
            Map.entry("running", 5.0),
            Map.entry("waiting", 1.0),
            Map.entry("kv_cache_usage", 0.5),
            Map.entry("prompt_tokens", 100.0),
            Map.entry("generation_tokens", 400.0));
    assertThat(ServerFamilies.ttftBuckets(scrape))
        .containsExactly(Map.entry(0.1, 4.0), Map.entry(Double.POSITIVE_INFINITY, 5.0));
  }

  @Test
  void keepsUnmappedFamiliesRawAndLeavesMappedOnesOut() {
    Map<String, Double> raw = ServerFamilies.unmapped(PrometheusText.parse(VLLM));

    // a known family is not raw even where a newer one was used (vLLM's deprecated cache gauge)
    assertThat(raw).containsOnlyKeys("vllm:num_preemptions_total{engine=\"0\",model_name=\"m\"}");
  }

  @Test
  void mapsSglang() {
    PrometheusScrape scrape =
        PrometheusText.parse(
            """
            sglang:num_running_reqs{model_name="m"} 8.0
            sglang:num_queue_reqs{model_name="m"} 2.0
            sglang:token_usage{model_name="m"} 0.3
            sglang:prompt_tokens_total{model_name="m"} 50.0
            sglang:generation_tokens_total{model_name="m"} 60.0
            sglang:time_to_first_token_seconds_bucket{le="0.1",model_name="m"} 1.0
            sglang:time_to_first_token_seconds_bucket{le="+Inf",model_name="m"} 2.0
            """);

    assertThat(ServerFamilies.map(scrape))
        .containsExactly(
            Map.entry("running", 8.0),
            Map.entry("waiting", 2.0),
            Map.entry("kv_cache_usage", 0.3),
            Map.entry("prompt_tokens", 50.0),
            Map.entry("generation_tokens", 60.0));
    assertThat(ServerFamilies.ttftBuckets(scrape)).hasSize(2);
  }

  @Test
  void mapsTgiTokenCountsFromItsPerRequestHistogramSums() {
    PrometheusScrape scrape =
        PrometheusText.parse(
            """
            tgi_batch_current_size 4
            tgi_queue_size 7
            tgi_request_input_length_sum 812
            tgi_request_input_length_count 4
            tgi_request_generated_tokens_sum 8123
            """);

    assertThat(ServerFamilies.map(scrape))
        .containsExactly(
            Map.entry("running", 4.0),
            Map.entry("waiting", 7.0),
            Map.entry("prompt_tokens", 812.0),
            Map.entry("generation_tokens", 8123.0));
    assertThat(ServerFamilies.ttftBuckets(scrape)).isEmpty();
  }

  @Test
  void mapsARealLlamaCppAnswer() throws IOException {
    PrometheusScrape scrape = PrometheusText.parse(PrometheusTextTest.llamaCppBody());

    assertThat(ServerFamilies.map(scrape))
        .containsExactly(
            Map.entry("running", 0.0),
            Map.entry("waiting", 0.0),
            Map.entry("prompt_tokens", 29.0),
            Map.entry("generation_tokens", 8.0));
    assertThat(ServerFamilies.unmapped(scrape)).hasSize(11).containsKey("llamacpp:n_decode_total");
  }

  @Test
  void severalServersAddUpAndKeepTheirRawSeriesApart() {
    PrometheusScrape a =
        PrometheusText.parse("vllm:num_requests_running 2\nvllm:kv_cache_usage_perc 0.2\nx 1\n");
    PrometheusScrape b =
        PrometheusText.parse("vllm:num_requests_running 3\nvllm:kv_cache_usage_perc 0.7\nx 2\n");

    ServerSample sample = ServerSample.of(5, List.of(Map.entry("a:1", a), Map.entry("b:2", b)));

    assertThat(sample.mapped())
        .containsExactly(Map.entry("running", 5.0), Map.entry("kv_cache_usage", 0.7));
    assertThat(sample.raw()).containsExactly(Map.entry("x@a:1", 1.0), Map.entry("x@b:2", 2.0));
  }
}
