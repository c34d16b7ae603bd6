package onlinebench.servermetrics;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which Prometheus families of vLLM, SGLang, TGI and llama.cpp carry the figures we set beside
 * ours, under one common name each. Each name was taken from the server's own source or a
 * transcript of it:
 *
 * <ul>
 *   <li>vLLM: vllm-project/vllm vllm/v1/metrics/loggers.py ({@code vllm:num_requests_running},
 *       {@code vllm:num_requests_waiting}, {@code vllm:kv_cache_usage_perc} and its deprecated
 *       {@code vllm:gpu_cache_usage_perc}, counters {@code vllm:prompt_tokens} and {@code
 *       vllm:generation_tokens} written with {@code _total}, histogram {@code
 *       vllm:time_to_first_token_seconds}).
 *   <li>SGLang: sgl-project/sglang python/sglang/srt/metrics/collector.py ({@code
 *       sglang:num_running_reqs}, {@code sglang:num_queue_reqs}, {@code sglang:token_usage}, {@code
 *       sglang:prompt_tokens_total}, {@code sglang:generation_tokens_total}, {@code
 *       sglang:time_to_first_token_seconds}).
 *   <li>TGI: huggingface/text-generation-inference docs/source/reference/metrics.md ({@code
 *       tgi_batch_current_size}, {@code tgi_queue_size}; its token counts exist only as the sums of
 *       the per-request histograms {@code tgi_request_input_length} and {@code
 *       tgi_request_generated_tokens}; it has no TTFT histogram and no KV-cache gauge).
 *   <li>llama.cpp ({@code --metrics}): the transcript wire/llama.cpp/metrics.txt ({@code
 *       llamacpp:requests_processing}, {@code llamacpp:requests_deferred}, {@code
 *       llamacpp:prompt_tokens_total} (which leaves out prompt tokens reused from its cache),
 *       {@code llamacpp:tokens_predicted_total}; no TTFT histogram, no KV-cache gauge).
 * </ul>
 *
 * A server exposes one family of each; several label sets of it (engines, ranks) are added up,
 * except the KV-cache share, of which the fullest is taken.
 */
public final class ServerFamilies {

  /** Requests being processed (in a batch, prefill or decode). */
  public static final String RUNNING = "running";

  /** Requests queued, not yet scheduled. */
  public static final String WAITING = "waiting";

  /** The share of the KV cache in use, 0 to 1. */
  public static final String KV_CACHE_USAGE = "kv_cache_usage";

  /** Prompt tokens processed since the server started. */
  public static final String PROMPT_TOKENS = "prompt_tokens";

  /** Output tokens generated since the server started. */
  public static final String GENERATION_TOKENS = "generation_tokens";

  /** The histograms of time to first token, in seconds, by server. */
  static final List<String> TTFT_HISTOGRAMS =
      List.of("vllm:time_to_first_token_seconds", "sglang:time_to_first_token_seconds");

  /** The sample names of each common figure, by server: the first present is used. */
  static final Map<String, List<String>> SAMPLES =
      Map.of(
          RUNNING,
          List.of(
              "vllm:num_requests_running",
              "sglang:num_running_reqs",
              "tgi_batch_current_size",
              "llamacpp:requests_processing"),
          WAITING,
          List.of(
              "vllm:num_requests_waiting",
              "sglang:num_queue_reqs",
              "tgi_queue_size",
              "llamacpp:requests_deferred"),
          KV_CACHE_USAGE,
          List.of("vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc", "sglang:token_usage"),
          PROMPT_TOKENS,
          List.of(
              "vllm:prompt_tokens_total",
              "sglang:prompt_tokens_total",
              "tgi_request_input_length_sum",
              "llamacpp:prompt_tokens_total"),
          GENERATION_TOKENS,
          List.of(
              "vllm:generation_tokens_total",
              "sglang:generation_tokens_total",
              "tgi_request_generated_tokens_sum",
              "llamacpp:tokens_predicted_total"));

  /** The common figures in the order they are written. */
  public static final List<String> ORDER =
      List.of(RUNNING, WAITING, KV_CACHE_USAGE, PROMPT_TOKENS, GENERATION_TOKENS);

  private static final Set<String> MAPPED_SAMPLES =
      Stream.concat(
              SAMPLES.values().stream().flatMap(List::stream),
              TTFT_HISTOGRAMS.stream()
                  .flatMap(h -> Stream.of(h + "_bucket", h + "_sum", h + "_count", h + "_created")))
          .collect(Collectors.toUnmodifiableSet());

  private ServerFamilies() {}

  /** The common figures {@code scrape} has, by common name, in {@link #ORDER}. */
  public static Map<String, Double> map(PrometheusScrape scrape) {
    Map<String, Double> mapped = new java.util.LinkedHashMap<>();
    for (String common : ORDER) {
      for (String sample : SAMPLES.get(common)) {
        OptionalDouble value =
            common.equals(KV_CACHE_USAGE) ? scrape.max(sample) : scrape.sum(sample);
        if (value.isPresent()) {
          mapped.put(common, value.getAsDouble());
          break;
        }
      }
    }
    return mapped;
  }

  /** The server's TTFT histogram (cumulative counts by upper bound in seconds); empty if none. */
  public static TreeMap<Double, Double> ttftBuckets(PrometheusScrape scrape) {
    for (String histogram : TTFT_HISTOGRAMS) {
      TreeMap<Double, Double> buckets = scrape.buckets(histogram);
      if (!buckets.isEmpty()) {
        return buckets;
      }
    }
    return new TreeMap<>();
  }

  /** Every sample not mapped to a common figure, by series ({@code name{labels}}). */
  public static Map<String, Double> unmapped(PrometheusScrape scrape) {
    Map<String, Double> raw = new java.util.LinkedHashMap<>();
    for (PrometheusSample s : scrape.samples()) {
      if (!MAPPED_SAMPLES.contains(s.name())) {
        raw.put(s.series(), s.value());
      }
    }
    return raw;
  }
}
