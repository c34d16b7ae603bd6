package onlinebench.config;

import java.util.Optional;

/**
 * Every benchmark property the user can set, with the original tool's kebab-case spelling and,
 * where there is one, the environment variable read when the property is unset.
 */
public enum Parameter {
  API_BASE("apiBase", "api-base", "OPENAI_BASE_URL"),
  API_KEY("apiKey", "api-key", "OPENAI_API_KEY"),
  MODEL("model", "model", null),
  CONCURRENCY("concurrency", "concurrency", null),
  TOTAL_REQUESTS("totalRequests", "total-requests", null),
  PROMPT_TOKENS("promptTokens", "prompt-tokens", null),
  OUTPUT_TOKENS("outputTokens", "output-tokens", null),
  WARMUP_REQUESTS("warmupRequests", "warmup-requests", null),
  STREAM("stream", "stream", null),
  REQUEST_TIMEOUT("requestTimeout", "request-timeout", null),
  EXTRA_BODY("extraBody", "extra-body", null),
  REQUEST_LOG("requestLog", "request-log", null),
  PROGRESS("progress", "progress", null),
  PREFLIGHT("preflight", "preflight", null),
  SELF_WARMUP("selfWarmup", "self-warmup", null),
  TLS_TRUST("tlsTrust", "tls-trust", null),
  HARNESS_LAG_LIMIT_MS("harnessLagLimitMs", "harness-lag-limit-ms", null),
  HARNESS_CPU_LIMIT("harnessCpuLimit", "harness-cpu-limit", null),
  // workload
  SEED("seed", "seed", null),
  IGNORE_EOS("ignoreEos", "ignore-eos", null),
  DATASET("dataset", "dataset", null),
  SHARED_PREFIX_TOKENS("sharedPrefixTokens", "shared-prefix-tokens", null),
  ENDPOINT("endpoint", "endpoint", null),
  TOKENIZER("tokenizer", "tokenizer", null),
  // session workloads
  WORKLOAD("workload", "workload", null),
  TURNS("turns", "turns", null),
  THINK_TIME("thinkTime", "think-time", null),
  TOOL_TIME("toolTime", "tool-time", null),
  SYSTEM_PROMPT_TOKENS("systemPromptTokens", "system-prompt-tokens", null),
  SESSIONS("sessions", "sessions", null),
  // gates
  SLO("slo", "slo", null),
  STOP_ON_ERRORS("stopOnErrors", "stop-on-errors", null),
  SERVER_METRICS("serverMetrics", "server-metrics", null),
  SERVER_METRICS_INTERVAL("serverMetricsInterval", "server-metrics-interval", null),
  // search for the highest load that meets the SLO
  SEARCH("search", "search", null),
  SEARCH_MIN("searchMin", "search-min", null),
  SEARCH_MAX("searchMax", "search-max", null),
  SEARCH_PRECISION("searchPrecision", "search-precision", null),
  // load model
  REQUEST_RATE("requestRate", "request-rate", null),
  ARRIVAL("arrival", "arrival", null),
  BURSTINESS("burstiness", "burstiness", null),
  MAX_CONCURRENCY("maxConcurrency", "max-concurrency", null),
  DURATION("duration", "duration", null),
  RAMP_UP("rampUp", "ramp-up", null),
  // scale-out
  INJECTOR_INDEX("injectorIndex", "injector-index", null),
  INJECTOR_COUNT("injectorCount", "injector-count", null);

  private final String property;
  private final String kebabAlias;
  private final String environmentVariable;

  Parameter(String property, String kebabAlias, String environmentVariable) {
    this.property = property;
    this.kebabAlias = kebabAlias;
    this.environmentVariable = environmentVariable;
  }

  /** The camelCase system property name, e.g. {@code totalRequests}. */
  public String property() {
    return property;
  }

  /** The original tool's spelling, e.g. {@code total-requests}. */
  public String kebabAlias() {
    return kebabAlias;
  }

  /** The environment variable read when neither spelling is set, if any. */
  public Optional<String> environmentVariable() {
    return Optional.ofNullable(environmentVariable);
  }
}
