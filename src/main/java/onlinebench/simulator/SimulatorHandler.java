package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Routes one connection's requests: {@code GET /v1/models}, {@code POST /v1/chat/completions}, and
 * OpenAI-shaped errors for everything else. One instance per connection, always on its event loop.
 *
 * <p>A chat request is counted and given an id first, then checked (key, body, model); an error is
 * answered at once, a valid request becomes an {@link InFlightResponse} timed by the {@link
 * TimingModel}. (Fault injection, later, decides here which response a request gets.)
 */
final class SimulatorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String MODELS_PATH = "/v1/models";
  static final String CHAT_PATH = "/v1/chat/completions";
  private static final String BEARER = "Bearer ";

  private final ServerContext server;
  private @Nullable InFlightResponse current;

  SimulatorHandler(ServerContext server) {
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long arrivalNanos = System.nanoTime();
    if (request.decoderResult().isFailure()) {
      // Not HTTP we can answer on this connection: say so and hang up, as servers do.
      ctx.writeAndFlush(HttpResponses.error(OpenAiError.badHttp(), null))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    HttpMethod method = request.method();
    switch (path) {
      case CHAT_PATH -> {
        if (HttpMethod.POST.equals(method)) {
          chat(ctx, request, arrivalNanos);
        } else {
          methodNotAllowed(ctx, method, path, HttpMethod.POST);
        }
      }
      case MODELS_PATH -> {
        if (!HttpMethod.GET.equals(method)) {
          methodNotAllowed(ctx, method, path, HttpMethod.GET);
        } else {
          OpenAiError authError = authError(request);
          ctx.writeAndFlush(
              authError != null
                  ? HttpResponses.error(authError, null)
                  : HttpResponses.json(HttpResponseStatus.OK, server.modelsBody(), null));
        }
      }
      default ->
          ctx.writeAndFlush(HttpResponses.error(OpenAiError.unknownUrl(method.name(), path), null));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (current != null) {
      current.abort();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes are routine under load: the client went away. Closing is the answer;
    // channelInactive records what was sent.
    ctx.close();
  }

  private void chat(ChannelHandlerContext ctx, FullHttpRequest request, long arrivalNanos) {
    String id = server.nextCompletionId();
    ChatRequest chat;
    try {
      OpenAiError authError = authError(request);
      if (authError != null) {
        throw new ChatRequest.InvalidRequestException(authError);
      }
      chat = ChatRequest.parse(ByteBufUtil.getBytes(request.content()), server.config().model());
    } catch (ChatRequest.InvalidRequestException e) {
      ctx.writeAndFlush(HttpResponses.error(e.error(), id));
      server
          .truthLog()
          .record(
              TruthRecord.error(id, arrivalNanos, e.error().status().code(), System.nanoTime()));
      return;
    }
    Completion completion =
        new Completion(id, System.currentTimeMillis() / 1000, server.config().model(), chat);
    TokenSchedule schedule = server.timing().schedule(arrivalNanos, chat);
    current =
        chat.stream()
            ? new StreamingResponse(
                ctx, completion, schedule, server.config().delivery(), server.truthLog())
            : new NonStreamingResponse(ctx, completion, schedule, server.truthLog());
    current.start();
  }

  /**
   * Null when no key is configured or the request carries it; never looks at more than equality.
   */
  private @Nullable OpenAiError authError(FullHttpRequest request) {
    String expected = server.config().apiKey();
    if (expected == null) {
      return null;
    }
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || header.isBlank()) {
      return OpenAiError.unauthorized(false);
    }
    boolean bearer = header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    String presented = bearer ? header.substring(BEARER.length()).trim() : "";
    // Constant-time comparison: the simulator may stand in for a real endpoint in security tests.
    boolean matches = MessageDigest.isEqual(presented.getBytes(UTF_8), expected.getBytes(UTF_8));
    return bearer && matches ? null : OpenAiError.unauthorized(true);
  }

  private static void methodNotAllowed(
      ChannelHandlerContext ctx, HttpMethod method, String path, HttpMethod allowed) {
    FullHttpResponse response =
        HttpResponses.error(OpenAiError.methodNotAllowed(method.name(), path), null);
    response.headers().set(HttpHeaderNames.ALLOW, allowed.name());
    ctx.writeAndFlush(response);
  }
}
