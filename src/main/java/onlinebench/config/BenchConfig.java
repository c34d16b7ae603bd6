package onlinebench.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import onlinebench.config.slo.SloSet;

/**
 * Everything a benchmark run is told, parsed and validated once by {@link BenchConfigParser}.
 *
 * @param apiBase the server's base URL including {@code /v1}; empty means the built-in simulator
 * @param apiKey the bearer token (masked when printed); empty sends no Authorization header
 * @param model the model name sent in every request
 * @param concurrency requests in flight (closed model)
 * @param totalRequests measured requests, warmup excluded
 * @param promptTokens the prompt length each request aims at, in tokens: fixed or drawn per request
 * @param outputTokens {@code max_tokens} of each request: fixed or drawn per request
 * @param warmupRequests requests sent first and excluded from every figure
 * @param stream whether requests ask for a streamed (SSE) answer
 * @param requestTimeout the longest one request may take, from send to last byte
 * @param extraBody a JSON object merged into every request body, if any
 * @param requestLog whether one line per measured request goes to requests.jsonl
 * @param progress how the live progress line is shown
 * @param preflight whether to probe the server once before any load
 * @param selfWarmup whether the harness brings its own code to compiled speed before any load
 * @param tlsTrust which certificates an https server may present
 * @param harnessLimits when the harness counts as the bottleneck
 * @param workload where prompts come from and what each body asks beyond the lengths
 * @param slo the service-level objectives checked at the end ({@link SloSet#NONE} for none)
 * @param stopOnErrors when to stop a level whose recent requests mostly fail; empty for never
 * @param load closed or open model, count or duration, ramp-up, sweep levels
 * @param injector this generator's share of the load when several generators run it together; the
 *     other fields hold the whole load, as the user gave it
 * @param serverMetrics where and how often the server's own Prometheus metrics are scraped
 */
public record BenchConfig(
    Optional<URI> apiBase,
    ApiKey apiKey,
    String model,
    int concurrency,
    int totalRequests,
    LengthSpec promptTokens,
    LengthSpec outputTokens,
    int warmupRequests,
    boolean stream,
    Duration requestTimeout,
    Optional<ObjectNode> extraBody,
    boolean requestLog,
    ProgressMode progress,
    boolean preflight,
    boolean selfWarmup,
    TlsTrust tlsTrust,
    HarnessLimits harnessLimits,
    Workload workload,
    SloSet slo,
    Optional<StopOnErrors> stopOnErrors,
    LoadModel load,
    Injector injector,
    ServerMetricsSetting serverMetrics) {

  /** The extra body is a mutable Jackson node; hand out copies so this record stays immutable. */
  @Override
  public Optional<ObjectNode> extraBody() {
    return extraBody.map(ObjectNode::deepCopy);
  }

  /** True when no apiBase was given and the built-in simulator is the target. */
  public boolean usesBuiltInSimulator() {
    return apiBase.isEmpty();
  }

  /** A copy aimed at a given base URL, used once the built-in simulator has its port. */
  public BenchConfig withApiBase(URI base) {
    return copy(Optional.of(base), apiKey, concurrency, load);
  }

  /** A copy aimed at another server with its own key, e.g. the harness's self-warmup simulator. */
  public BenchConfig aimedAt(URI base, ApiKey key) {
    return copy(Optional.of(base), key, concurrency, load);
  }

  /**
   * The levels this run measures in turn: one config per level of a sweep (its concurrency, or its
   * single request rate), or just this config when there is no sweep.
   */
  public List<BenchConfig> levels() {
    if (!load.sweep()) {
      return List.of(this);
    }
    List<BenchConfig> levels = new ArrayList<>();
    if (load.concurrencySweep().size() > 1) {
      for (int c : load.concurrencySweep()) {
        levels.add(withLevel(c, load.atLevel(OptionalDouble.empty())));
      }
    } else {
      for (double rate : load.requestRates()) {
        levels.add(withLevel(concurrency, load.atLevel(OptionalDouble.of(rate))));
      }
    }
    return levels;
  }

  /** This config at one concurrency of the closed model, e.g. a search step's. */
  public BenchConfig withConcurrency(int levelConcurrency) {
    return withLevel(levelConcurrency, load.atLevel(OptionalDouble.empty()));
  }

  /** This config at one request rate of the open model, e.g. a search step's. */
  public BenchConfig withRequestRate(double rate) {
    return withLevel(concurrency, load.atLevel(OptionalDouble.of(rate)));
  }

  private BenchConfig withLevel(int levelConcurrency, LoadModel levelLoad) {
    return copy(apiBase, apiKey, levelConcurrency, levelLoad);
  }

  /** This config with the components that differ between copies; the one full constructor call. */
  private BenchConfig copy(
      Optional<URI> newApiBase, ApiKey newApiKey, int newConcurrency, LoadModel newLoad) {
    return new BenchConfig(
        newApiBase,
        newApiKey,
        model,
        newConcurrency,
        totalRequests,
        promptTokens,
        outputTokens,
        warmupRequests,
        stream,
        requestTimeout,
        extraBody,
        requestLog,
        progress,
        preflight,
        selfWarmup,
        tlsTrust,
        harnessLimits,
        workload,
        slo,
        stopOnErrors,
        newLoad,
        injector,
        serverMetrics);
  }
}
