package onlinebench.gatling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.http.protocol.HttpComponents;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import onlinebench.config.ApiKey;
import onlinebench.config.BenchConfig;
import onlinebench.config.Endpoint;
import onlinebench.config.TlsTrust;
import onlinebench.openai.ChatRequestEncoder;
import onlinebench.openai.ChatResponseReader;

/**
 * Where a chat action's requests go and how they are written and read: from the {@code llm}
 * protocol for a scenario's actions, from the {@link BenchConfig} for the built-in benchmark's, so
 * both build their transport, encoder and readers in one place.
 *
 * @param url the endpoint's URL, e.g. {@code http://127.0.0.1:8000/v1/chat/completions}
 * @param endpoint chat or legacy completions: the body's and the answer's shape
 * @param model the {@code model} of every request
 * @param apiKey the bearer token; empty for none
 * @param stream whether requests ask for an SSE stream
 * @param timeout send to last byte, per request
 * @param tlsTrust which certificates an https server may present
 * @param ignoreEos whether bodies ask for exactly {@code max_tokens} ({@code -DignoreEos})
 * @param extraBody fields merged into every body
 */
record RequestTarget(
    URI url,
    Endpoint endpoint,
    String model,
    ApiKey apiKey,
    boolean stream,
    Duration timeout,
    TlsTrust tlsTrust,
    boolean ignoreEos,
    Optional<ObjectNode> extraBody) {

  /** A scenario's target: the protocol's server and defaults; https trusts the JVM's store. */
  static RequestTarget of(LlmProtocol llm, Endpoint endpoint) {
    return new RequestTarget(
        llm.url(endpoint),
        endpoint,
        llm.model(),
        llm.apiKey(),
        llm.stream(),
        llm.requestTimeout(),
        TlsTrust.SYSTEM,
        false,
        Optional.empty());
  }

  /** The benchmark's target: its endpoint, model, key, streaming, timeout, trust and body. */
  static RequestTarget of(BenchConfig config) {
    if (config.apiBase().isEmpty()) {
      throw new IllegalArgumentException("the config must name the server (apiBase)");
    }
    Endpoint endpoint = config.workload().endpoint();
    return new RequestTarget(
        URI.create(config.apiBase().get() + endpoint.path()),
        endpoint,
        config.model(),
        config.apiKey(),
        config.stream(),
        config.requestTimeout(),
        config.tlsTrust(),
        config.workload().ignoreEos(),
        config.extraBody());
  }

  /**
   * As an action's own options say: its streaming, if set, and its extra body's fields over the
   * target's.
   */
  RequestTarget with(Optional<Boolean> streamed, Optional<ObjectNode> moreBody) {
    Optional<ObjectNode> body = extraBody;
    if (moreBody.isPresent()) {
      ObjectNode merged =
          extraBody.map(ObjectNode::deepCopy).orElseGet(() -> moreBody.get().objectNode());
      merged.setAll(moreBody.get().deepCopy());
      body = Optional.of(merged);
    }
    return new RequestTarget(
        url, endpoint, model, apiKey, streamed.orElse(stream), timeout, tlsTrust, ignoreEos, body);
  }

  /** The transport through Gatling's HTTP engine and pool. */
  ChatTransport transport(HttpComponents http) {
    return new ChatTransport(
        http.httpEngine(),
        http.httpProtocol().enginePart().shareConnections(),
        url,
        stream,
        apiKey,
        timeout,
        tlsTrust);
  }

  ChatRequestEncoder encoder() {
    return new ChatRequestEncoder(endpoint, model, stream, ignoreEos, extraBody);
  }

  /** A new reader per request, given its {@code max_tokens} (a stream sizes its arrays by it). */
  IntFunction<ChatResponseReader> readers(boolean keepsAnswer) {
    return stream
        ? maxTokens -> ChatResponseReader.stream(maxTokens, keepsAnswer)
        : maxTokens -> ChatResponseReader.completion(endpoint, keepsAnswer);
  }
}
