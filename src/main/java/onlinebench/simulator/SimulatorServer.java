package onlinebench.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The built-in simulated OpenAI-compatible LLM server, shaped like OkHttp's MockWebServer: start
 * it, point a client at {@link #baseUrl()}, script its faults, take what it served, close it.
 *
 * <pre>{@code
 * try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
 *   URI chat = server.url("chat/completions"); // http://127.0.0.1:<port>/v1/chat/completions
 *   server.enqueue(Fault.SERVER_ERROR); // the next valid chat request gets a 500
 *   // ... send two requests ...
 *   TruthRecord first = server.takeRequest(); // status 500, fault "500"
 *   TruthRecord second = server.takeRequest(); // status 200, the plan's fault (none)
 * }
 * }</pre>
 *
 * <p>It serves {@code GET /v1/models}, {@code POST /v1/chat/completions} and the legacy {@code POST
 * /v1/completions} (plain and streaming) in OpenAI's wire format, with the delays of {@link
 * SimulatorConfig}. It binds 127.0.0.1 only and runs on a few Netty event loops (epoll when
 * available, for sub-millisecond timers; NIO otherwise): no thread per connection, thousands of
 * keep-alive connections at once, and every delay is a timer, never a sleeping thread. Thread-safe.
 */
public final class SimulatorServer implements AutoCloseable {

  /** Password of {@link #trustStore()}. */
  public static final String TRUST_STORE_PASSWORD = LoopbackCertificate.TRUST_STORE_PASSWORD;

  private static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;

  /** How long {@link #takeRequest()} waits. */
  static final long TAKE_TIMEOUT_SECONDS = 10;

  private final ServerContext context;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final ChannelGroup connections;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch closedLatch = new CountDownLatch(1);
  private final @Nullable LoopbackCertificate certificate;

  private SimulatorServer(
      ServerContext context,
      EventLoopGroup group,
      Channel serverChannel,
      ChannelGroup connections,
      @Nullable LoopbackCertificate certificate) {
    this.context = context;
    this.certificate = certificate;
    this.group = group;
    this.serverChannel = serverChannel;
    this.connections = connections;
    this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * Binds 127.0.0.1 on {@code config.port()} (0 = a free port) and starts serving.
   *
   * @throws IOException if the truth log cannot be created or the port cannot be bound
   */
  public static SimulatorServer start(SimulatorConfig config) throws IOException {
    return start(config, StalledResponse.DEFAULT_LIMIT);
  }

  /** As {@link #start(SimulatorConfig)}, holding stalled connections at most {@code stallLimit}. */
  static SimulatorServer start(SimulatorConfig config, Duration stallLimit) throws IOException {
    TruthLog truthLog =
        config.truthLog() == null ? TruthLog.disabled() : TruthLog.open(config.truthLog());
    ServerContext context =
        new ServerContext(config, truthLog, System.currentTimeMillis() / 1000, stallLimit);
    LoopbackCertificate certificate = null;
    SslContext sslContext = null;
    if (config.tls()) {
      certificate = LoopbackCertificate.create();
      sslContext =
          SslContextBuilder.forServer(certificate.privateKey(), certificate.certificate())
              .sslProvider(SslProvider.JDK)
              .build();
    }
    SslContext tls = sslContext;
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    // Daemon threads: an embedding JVM that forgets close() can still exit.
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            0, new DefaultThreadFactory("onlinebench-simulator", true), ioHandler);
    ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    HeaderStyleHandler headerStyle = new HeaderStyleHandler(config.profile().wire().headers());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            // Tokens are tiny writes that must leave at once: Nagle would hold them back.
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    if (tls != null) {
                      ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new ConnectionPolicyHandler(config.profile().connections()))
                        .addLast(headerStyle)
                        .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(new SimulatorHandler(context));
                  }
                });
    ChannelFuture bind =
        bootstrap
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()))
            .awaitUninterruptibly();
    if (!bind.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
      truthLog.close();
      if (certificate != null) {
        certificate.deleteFiles();
      }
      throw new IOException(
          "Cannot listen on 127.0.0.1:" + config.port() + ": " + bind.cause().getMessage(),
          bind.cause());
    }
    return new SimulatorServer(context, group, bind.channel(), connections, certificate);
  }

  /** The bound port (the real one when the config said 0). */
  public int port() {
    return port;
  }

  /**
   * {@code http://127.0.0.1:<port>/v1} ({@code https} with {@code sim.tls}), the value for a
   * client's base URL.
   */
  public URI baseUrl() {
    return URI.create((certificate == null ? "http" : "https") + "://127.0.0.1:" + port + "/v1");
  }

  /**
   * With {@code sim.tls}: the server's self-signed certificate as a PEM file, for clients that
   * trust PEM ({@code curl --cacert}, {@code SSL_CERT_FILE}); deleted on {@link #close()}.
   *
   * @throws IllegalStateException without TLS
   */
  public Path certificatePem() {
    return requireTls().pem();
  }

  /**
   * With {@code sim.tls}: a PKCS12 trust store holding only the server's certificate, password
   * {@link #TRUST_STORE_PASSWORD}, for JVM clients ({@code javax.net.ssl.trustStore}, Gatling's
   * {@code gatling.ssl.trustStore}); deleted on {@link #close()}.
   *
   * @throws IllegalStateException without TLS
   */
  public Path trustStore() {
    return requireTls().trustStore();
  }

  /** With {@code sim.tls}: the server's certificate. */
  public X509Certificate certificate() {
    return requireTls().certificate();
  }

  private LoopbackCertificate requireTls() {
    if (certificate == null) {
      throw new IllegalStateException("the simulator serves plain HTTP (sim.tls=false)");
    }
    return certificate;
  }

  /** A URL under {@link #baseUrl()}: {@code url("chat/completions")}. */
  public URI url(String pathUnderV1) {
    String relative = pathUnderV1.startsWith("/") ? pathUnderV1.substring(1) : pathUnderV1;
    return URI.create(baseUrl() + "/" + relative);
  }

  /** Chat completion requests received so far, whatever their outcome. */
  public long requestCount() {
    return context.chatRequests();
  }

  /**
   * Of {@link #requestCount()}, those that came first on a new connection, which the client had to
   * open for them (OkHttp's MockWebServer tells it by a request's sequence number 0).
   */
  public long requestsOpeningConnection() {
    return context.chatRequestsOpeningConnection();
  }

  /**
   * The next served chat request not yet taken, waiting up to 10 s for one. Records come in the
   * order the responses ended (for requests sent one after another, the order they were sent), each
   * once, whichever thread takes it.
   *
   * @throws IllegalStateException if none came in time, if capture is off ({@link
   *     SimulatorConfig#captureLimit()} 0; {@link SimulatorConfig#fast()} turns it on), or if the
   *     capture limit was reached
   */
  public TruthRecord takeRequest() throws InterruptedException {
    TruthRecord next = takeRequest(Duration.ofSeconds(TAKE_TIMEOUT_SECONDS));
    if (next == null) {
      throw new IllegalStateException(
          "no served chat request within "
              + TAKE_TIMEOUT_SECONDS
              + " s ("
              + requestCount()
              + " received in all)");
    }
    return next;
  }

  /**
   * As {@link #takeRequest()}, waiting up to {@code timeout}; null when none came, so a test can
   * check that nothing more was served.
   */
  public @Nullable TruthRecord takeRequest(Duration timeout) throws InterruptedException {
    return context.served().take(timeout);
  }

  /**
   * Every chat request received so far, served, in order, taken or not: first waits (up to 10 s)
   * for the responses still being answered to end, so after a client has finished, this is all it
   * sent. After {@link #close()} it returns at once (streams the close cut are in, as aborted).
   *
   * <p>Past the capture limit only the kept ones are returned.
   *
   * @throws IllegalStateException if capture is off, or if responses are still being answered after
   *     10 s (a {@code stall} fault holds its request until the client gives up)
   */
  public List<TruthRecord> servedRequests() throws InterruptedException {
    return context.served().all(requestCount(), Duration.ofSeconds(TAKE_TIMEOUT_SECONDS));
  }

  /**
   * The next valid chat requests get these faults, one each, in order (after any enqueued before),
   * then the plan again. Requests that get their own error (bad key, body or model) do not use a
   * step. Thread-safe; callable while requests are served.
   */
  public void enqueue(Fault... faults) {
    context.faults().enqueue(Arrays.stream(faults).map(FaultPlan::always).toList());
  }

  /**
   * As {@link #enqueue(Fault...)}, one plan per request: {@code FaultPlan.none()} for a normal
   * response, {@code FaultPlan.rate(...)} for a drawn one.
   */
  public void enqueue(FaultPlan... perRequest) {
    context.faults().enqueue(List.of(perRequest));
  }

  /**
   * The plan for every valid chat request once the enqueued faults are used up, from the next
   * request on; {@link #config()} keeps the plan the server started with.
   */
  public void setFaults(FaultPlan plan) {
    context.faults().plan(plan);
  }

  public SimulatorConfig config() {
    return context.config();
  }

  /**
   * Stops accepting, closes every connection (responses in flight are cut and logged as aborted),
   * stops the event loops, then flushes and closes the truth log. Idempotent; returns within about
   * a second.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      serverChannel.close().awaitUninterruptibly();
      connections.close().awaitUninterruptibly();
      // Quiet period 0: nothing is pending once connections are closed, so stop at once.
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
      context.truthLog().close();
      if (certificate != null) {
        certificate.deleteFiles();
      }
    } finally {
      closedLatch.countDown();
    }
  }

  /** Blocks until {@link #close()} has finished (used by {@link SimulatorMain}). */
  void awaitClosed() throws InterruptedException {
    closedLatch.await();
  }
}
