package onlinebench.simulator;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulator's own engine figures, exposed at {@code GET /metrics} in vLLM's names and
 * Prometheus text format, so that a benchmark can set the server's view beside its own: requests
 * running (admitted to a sequence slot, in prefill or decode) and waiting (queued for a slot,
 * {@code sim.maxSequences}), prompt and generation token counters, and the time-to-first-token
 * histogram. Thread-safe: every event loop counts into it while a scrape reads it.
 *
 * <p>Names, types, labels and TTFT buckets follow vLLM's Prometheus logger (vllm-project/vllm
 * vllm/v1/metrics/loggers.py): {@code vllm:num_requests_running} and {@code
 * vllm:num_requests_waiting} gauges, {@code vllm:prompt_tokens} and {@code vllm:generation_tokens}
 * counters (exposed with the {@code _total} suffix), {@code vllm:time_to_first_token_seconds}
 * histogram, each labelled with {@code model_name} and {@code engine}. As there, a request's prompt
 * tokens (cached ones included) and its TTFT are counted when its first token is produced, and
 * generation tokens as they are produced.
 */
final class EngineMetrics {

  /** The Content-Type of the text exposition format, as prometheus_client sends it. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  // vllm-project/vllm vllm/v1/metrics/loggers.py: histogram_time_to_first_token's buckets
  private static final double[] TTFT_BUCKETS_SECONDS = {
    0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
    20.0, 40.0, 80.0, 160.0, 640.0, 2560.0
  };

  private final String labels;
  private final AtomicInteger running = new AtomicInteger();
  private final LongAdder promptTokens = new LongAdder();
  private final LongAdder generationTokens = new LongAdder();
  // one count per bucket, not cumulative; the last is +Inf
  private final AtomicLongArray ttftCounts = new AtomicLongArray(TTFT_BUCKETS_SECONDS.length + 1);
  private final DoubleAdder ttftSumSeconds = new DoubleAdder();

  EngineMetrics(String model) {
    this.labels = "engine=\"0\",model_name=\"" + escape(model) + "\"";
  }

  /** A sequence got its slot: it is running until it ends. */
  void admitted() {
    running.incrementAndGet();
  }

  /** A sequence that held a slot ended. */
  void released() {
    running.decrementAndGet();
  }

  /** A request's first token was produced {@code ttftNanos} after it arrived. */
  void firstToken(int promptTokenCount, long ttftNanos) {
    promptTokens.add(promptTokenCount);
    double seconds = ttftNanos / 1e9;
    int bucket = 0;
    while (bucket < TTFT_BUCKETS_SECONDS.length && seconds > TTFT_BUCKETS_SECONDS[bucket]) {
      bucket++;
    }
    ttftCounts.incrementAndGet(bucket);
    ttftSumSeconds.add(seconds);
  }

  /** {@code tokens} more output tokens were produced. */
  void generated(int tokens) {
    generationTokens.add(tokens);
  }

  int running() {
    return running.get();
  }

  long promptTokens() {
    return promptTokens.sum();
  }

  long generationTokens() {
    return generationTokens.sum();
  }

  /** The exposition at this moment, with {@code waiting} requests queued for a slot. */
  String exposition(int waiting) {
    StringBuilder text = new StringBuilder(2048);
    family(
        text,
        "vllm:num_requests_running",
        "gauge",
        "Number of requests in model execution batches.");
    sample(text, "vllm:num_requests_running", labels, running.get());
    family(
        text, "vllm:num_requests_waiting", "gauge", "Number of requests waiting to be processed.");
    sample(text, "vllm:num_requests_waiting", labels, waiting);
    family(text, "vllm:prompt_tokens", "counter", "Number of prefill tokens processed.");
    sample(text, "vllm:prompt_tokens_total", labels, promptTokens.sum());
    family(text, "vllm:generation_tokens", "counter", "Number of generation tokens processed.");
    sample(text, "vllm:generation_tokens_total", labels, generationTokens.sum());
    String ttft = "vllm:time_to_first_token_seconds";
    family(text, ttft, "histogram", "Histogram of time to first token in seconds.");
    long cumulative = 0;
    for (int i = 0; i <= TTFT_BUCKETS_SECONDS.length; i++) {
      cumulative += ttftCounts.get(i);
      String le = i < TTFT_BUCKETS_SECONDS.length ? number(TTFT_BUCKETS_SECONDS[i]) : "+Inf";
      sample(text, ttft + "_bucket", labels + ",le=\"" + le + "\"", cumulative);
    }
    sample(text, ttft + "_count", labels, cumulative);
    sample(text, ttft + "_sum", labels, ttftSumSeconds.sum());
    return text.toString();
  }

  private static void family(StringBuilder text, String name, String type, String help) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder text, String name, String labels, double value) {
    text.append(name).append('{').append(labels).append("} ").append(number(value)).append('\n');
  }

  /** As Python's repr of a float, which prometheus_client writes: 3.0, 0.001, 2560.0. */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%.1f", value)
        : Double.toString(value);
  }

  private static String escape(String labelValue) {
    return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
