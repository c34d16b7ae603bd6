package onlinebench.gatling;

import io.gatling.core.structure.ScenarioContext;
import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.gatling.http.client.RequestBuilder;
import io.gatling.http.client.body.bytearray.ByteArrayRequestBodyBuilder;
import io.gatling.http.client.resolver.InetAddressNameResolver;
import io.gatling.http.client.uri.Uri;
import io.gatling.http.engine.HttpEngine;
import io.gatling.http.protocol.HttpComponents;
import io.gatling.http.protocol.HttpProtocol$;
import io.gatling.http.util.SslContexts;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import onlinebench.config.ApiKey;
import onlinebench.config.BenchConfig;
import onlinebench.config.TlsTrust;
import onlinebench.openai.TlsContexts;
import onlinebench.openai.UserAgent;
import scala.Option;

/**
 * Sends a chat request through Gatling's own Netty HTTP engine and connection pool, so our action
 * shares the engine's event loops, TLS and pooling without Gatling's HTTP DSL on the hot path.
 *
 * <p>Requests carry the headers the OpenAI API reference shows: {@code Content-Type:
 * application/json} (Express's body parser, behind many mock and proxy servers, ignores a body
 * without it), an {@code Accept} for the answer the mode expects, and a {@code User-Agent} naming
 * this tool.
 */
final class ChatTransport {
  private static final String JSON = "application/json";
  private static final String EVENT_STREAM = "text/event-stream";
  // Gatling pools connections per client id (-1 when shared, user ids otherwise). Requests under
  // this id ask for Connection: close, so none of its connections ever goes back to the pool and a
  // request sent under it always opens a new one.
  private static final long FRESH_CONNECTION_CLIENT_ID = -2;

  private final HttpEngine engine;
  private final boolean shareConnections;
  private final Uri uri;
  private final HttpHeaders headers;
  private final long timeoutMillis;
  private final Option<SslContexts> tls;

  ChatTransport(
      HttpEngine engine,
      boolean shareConnections,
      URI url,
      boolean stream,
      ApiKey apiKey,
      Duration timeout,
      TlsTrust tlsTrust) {
    LeakDetection.offUnlessChosen();
    this.engine = engine;
    this.shareConnections = shareConnections;
    this.uri = Uri.create(url.toString());
    this.headers = new DefaultHttpHeaders();
    headers.set(HttpHeaderNames.CONTENT_TYPE, JSON);
    headers.set(HttpHeaderNames.ACCEPT, stream ? EVENT_STREAM : JSON);
    headers.set(HttpHeaderNames.USER_AGENT, UserAgent.VALUE);
    if (!apiKey.reveal().isEmpty()) {
      headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + apiKey.reveal());
    }
    // Gatling's request timeout covers the whole exchange, as requestTimeout promises.
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    this.tls =
        url.getScheme().equalsIgnoreCase("https")
            ? Option.apply(sslContexts(tlsTrust))
            : Option.empty();
  }

  /** The transport of the built-in benchmark's requests: its endpoint, key, timeout and trust. */
  static ChatTransport of(ScenarioContext ctx, BenchConfig config) {
    HttpComponents http =
        ctx.protocolComponentsRegistry().components(HttpProtocol$.MODULE$.HttpProtocolKey());
    return RequestTarget.of(config).transport(http);
  }

  /**
   * Our own TLS trust instead of Gatling's default, which trusts every certificate: an https
   * benchmark verifies the server unless the user says {@code -DtlsTrust=all}.
   */
  private static SslContexts sslContexts(TlsTrust trust) {
    try {
      return new SslContexts(TlsContexts.netty(trust), Option.empty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the request; done before the clock starts, so its cost is not measured. */
  Request request(String name, byte[] body) {
    return build(name, body, headers.copy());
  }

  private Request build(String name, byte[] body, HttpHeaders requestHeaders) {
    return new RequestBuilder(name, HttpMethod.POST, uri, InetAddressNameResolver.JAVA_RESOLVER)
        .setHeaders(requestHeaders)
        .setBodyBuilder(new ByteArrayRequestBodyBuilder(body, JSON))
        .setRequestTimeout(timeoutMillis)
        .build();
  }

  /** Hands the request to the engine; every callback arrives on {@code eventLoop}. */
  void send(Request request, long userId, EventLoop eventLoop, HttpListener listener) {
    engine.executeRequest(request, userId, shareConnections, eventLoop, listener, tls);
  }

  /**
   * Opens a connection into the pool {@code userId}'s requests draw from on {@code eventLoop}, with
   * a {@code GET} of {@code url} whose answer is read and dropped, so that the first measured
   * request finds its connection open instead of queueing behind every other user's connect. {@code
   * done} runs once the exchange is over, whatever became of it: a server that refuses the {@code
   * GET} or closes the connection after it leaves the measured request to open its own, as before.
   */
  void openConnection(URI url, long userId, EventLoop eventLoop, Runnable done) {
    HttpHeaders getHeaders = headers.copy().set(HttpHeaderNames.ACCEPT, JSON);
    getHeaders.remove(HttpHeaderNames.CONTENT_TYPE);
    Request get =
        new RequestBuilder(
                "open connection",
                HttpMethod.GET,
                Uri.create(url.toString()),
                InetAddressNameResolver.JAVA_RESOLVER)
            .setHeaders(getHeaders)
            .setRequestTimeout(timeoutMillis)
            .build();
    engine.executeRequest(
        get, userId, shareConnections, eventLoop, new ConnectionOpening(done), tls);
  }

  /**
   * Sends the request once more on a connection of its own, opened for it and closed after its
   * answer ({@code Connection: close}), so it cannot meet another pooled connection the server has
   * closed. For the rare request whose pooled connection failed before any byte of the answer.
   */
  void resendOnFreshConnection(
      String name, byte[] body, EventLoop eventLoop, HttpListener listener) {
    HttpHeaders closing = headers.copy().set(HttpHeaderNames.CONNECTION, "close");
    engine.executeRequest(
        build(name, body, closing), FRESH_CONNECTION_CLIENT_ID, false, eventLoop, listener, tls);
  }
}
