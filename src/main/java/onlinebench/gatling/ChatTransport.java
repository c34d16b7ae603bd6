package onlinebench.gatling;

import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.gatling.http.client.RequestBuilder;
import io.gatling.http.client.body.bytearray.ByteArrayRequestBodyBuilder;
import io.gatling.http.client.resolver.InetAddressNameResolver;
import io.gatling.http.client.uri.Uri;
import io.gatling.http.engine.HttpEngine;
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
import onlinebench.config.TlsTrust;
import onlinebench.openai.TlsContexts;
import scala.Option;

/**
 * Sends a chat request through Gatling's own Netty HTTP engine and connection pool, so our action
 * shares the engine's event loops, TLS and pooling without Gatling's HTTP DSL on the hot path.
 */
final class ChatTransport {
  private static final String JSON = "application/json";

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
      ApiKey apiKey,
      Duration timeout,
      TlsTrust tlsTrust) {
    LeakDetection.offUnlessChosen();
    this.engine = engine;
    this.shareConnections = shareConnections;
    this.uri = Uri.create(url.toString());
    this.headers = new DefaultHttpHeaders();
    headers.set(HttpHeaderNames.ACCEPT, JSON + ", text/event-stream");
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
    return new RequestBuilder(name, HttpMethod.POST, uri, InetAddressNameResolver.JAVA_RESOLVER)
        .setHeaders(headers.copy())
        .setBodyBuilder(new ByteArrayRequestBodyBuilder(body, JSON))
        .setRequestTimeout(timeoutMillis)
        .build();
  }

  /** Hands the request to the engine; every callback arrives on {@code eventLoop}. */
  void send(Request request, long userId, EventLoop eventLoop, HttpListener listener) {
    engine.executeRequest(request, userId, shareConnections, eventLoop, listener, tls);
  }
}
