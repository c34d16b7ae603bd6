package onlinebench.gatling;

import io.gatling.core.protocol.Protocol;
import io.gatling.javaapi.core.ProtocolBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import onlinebench.config.ApiKey;

/**
 * The {@code llm} protocol: which OpenAI-compatible server the chat actions of a Simulation talk
 * to, and their defaults. Immutable, as Gatling's {@code HttpProtocolBuilder}: every method returns
 * a new builder, so one base can be varied. Give it to {@code setUp(...).protocols(..)}, beside
 * {@code http} if the scenario also sends plain HTTP requests:
 *
 * <pre>{@code
 * LlmProtocolBuilder llm =
 *     llm().baseUrl("http://127.0.0.1:8000/v1").apiKey(System.getenv("OPENAI_API_KEY"))
 *         .model("llama-3-8b").stream(true).maxTokens(256);
 * setUp(scn.injectOpen(atOnceUsers(10))).protocols(llm, http);
 * }</pre>
 *
 * <p>Defaults: no API key, not streamed, a 600 s request timeout (the benchmark's), and no {@code
 * max_tokens}: every chat action must then set its own. The base URL and the model have none. Each
 * bad value is refused at once with one line saying what is accepted. The key is masked in {@link
 * #toString()} and never logged.
 *
 * <p>Chat actions go through Gatling's own HTTP engine and connection pool: {@code
 * http.shareConnections()} in the same {@code protocols(..)} makes them share one pool.
 */
public final class LlmProtocolBuilder implements ProtocolBuilder {
  /** The benchmark's {@code requestTimeout} default. */
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(600);

  private final Optional<URI> baseUrl;
  private final ApiKey apiKey;
  private final Optional<String> model;
  private final boolean stream;
  private final OptionalInt maxTokens;
  private final Duration requestTimeout;

  private LlmProtocolBuilder(
      Optional<URI> baseUrl,
      ApiKey apiKey,
      Optional<String> model,
      boolean stream,
      OptionalInt maxTokens,
      Duration requestTimeout) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.model = model;
    this.stream = stream;
    this.maxTokens = maxTokens;
    this.requestTimeout = requestTimeout;
  }

  /** The defaults: see the class comment. */
  static LlmProtocolBuilder defaults() {
    return new LlmProtocolBuilder(
        Optional.empty(),
        ApiKey.of(""),
        Optional.empty(),
        false,
        OptionalInt.empty(),
        DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * The API base: chat actions post to {@code <url>/chat/completions}. An absolute {@code http} or
   * {@code https} URL, e.g. {@code http://127.0.0.1:8000/v1}; a trailing slash is dropped.
   */
  public LlmProtocolBuilder baseUrl(String url) {
    return new LlmProtocolBuilder(
        Optional.of(parseBaseUrl(url)), apiKey, model, stream, maxTokens, requestTimeout);
  }

  /** The bearer token sent as {@code Authorization: Bearer ...}; null or empty sends none. */
  public LlmProtocolBuilder apiKey(String key) {
    return new LlmProtocolBuilder(
        baseUrl, ApiKey.of(key == null ? "" : key), model, stream, maxTokens, requestTimeout);
  }

  /** The {@code model} every request names. */
  public LlmProtocolBuilder model(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("llm().model must name a model, got \"" + name + "\"");
    }
    return new LlmProtocolBuilder(
        baseUrl, apiKey, Optional.of(name), stream, maxTokens, requestTimeout);
  }

  /**
   * Whether chat actions stream ({@code "stream": true} with usage in the last chunk) unless they
   * say otherwise; streaming adds the time to first token. Default false, as the benchmark's.
   */
  public LlmProtocolBuilder stream(boolean streamed) {
    return new LlmProtocolBuilder(baseUrl, apiKey, model, streamed, maxTokens, requestTimeout);
  }

  /** The {@code max_tokens} of chat actions that set none; at least 1. */
  public LlmProtocolBuilder maxTokens(int tokens) {
    return new LlmProtocolBuilder(
        baseUrl, apiKey, model, stream, OptionalInt.of(checkMaxTokens(tokens)), requestTimeout);
  }

  /** How long one request may take, send to last byte; positive. Default 600 s. */
  public LlmProtocolBuilder requestTimeout(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "llm().requestTimeout must be a positive duration, got " + timeout);
    }
    return new LlmProtocolBuilder(baseUrl, apiKey, model, stream, maxTokens, timeout);
  }

  static int checkMaxTokens(int tokens) {
    if (tokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + tokens);
    }
    return tokens;
  }

  private static URI parseBaseUrl(String url) {
    String accepted = "an absolute http:// or https:// URL such as http://127.0.0.1:8000/v1";
    if (url == null) {
      throw new IllegalArgumentException("llm().baseUrl must be " + accepted + ", got null");
    }
    String trimmed = url.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "llm().baseUrl must be " + accepted + ", got \"" + url + "\"");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "llm().baseUrl must be " + accepted + ", got \"" + url + "\"");
    }
    return uri;
  }

  /** The protocol as Gatling holds it; refuses a builder without a base URL or a model. */
  LlmProtocol build() {
    if (baseUrl.isEmpty()) {
      throw new IllegalStateException(
          "the llm protocol has no base URL: llm().baseUrl(\"http://host:8000/v1\")");
    }
    if (model.isEmpty()) {
      throw new IllegalStateException("the llm protocol names no model: llm().model(\"...\")");
    }
    return new LlmProtocol(baseUrl.get(), apiKey, model.get(), stream, maxTokens, requestTimeout);
  }

  @Override
  public Protocol protocol() {
    return build();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LlmProtocolBuilder b
        && b.baseUrl.equals(baseUrl)
        && b.apiKey.equals(apiKey)
        && b.model.equals(model)
        && b.stream == stream
        && b.maxTokens.equals(maxTokens)
        && b.requestTimeout.equals(requestTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(baseUrl, apiKey, model, stream, maxTokens, requestTimeout);
  }

  @Override
  public String toString() {
    return "llm(baseUrl="
        + baseUrl.map(URI::toString).orElse("unset")
        + ", apiKey="
        + apiKey.masked()
        + ", model="
        + model.orElse("unset")
        + ", stream="
        + stream
        + ", maxTokens="
        + (maxTokens.isPresent() ? maxTokens.getAsInt() : "unset")
        + ", requestTimeout="
        + requestTimeout
        + ")";
  }
}
