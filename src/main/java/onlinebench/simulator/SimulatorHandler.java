package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Routes one connection's requests: {@code GET /v1/models}, {@code POST /v1/chat/completions}, the
 * legacy {@code POST /v1/completions} (served the same way, answered in its own shape), {@code GET
 * /metrics} ({@link EngineMetrics}), and OpenAI-shaped errors for everything else. One instance per
 * connection, always on its event loop.
 *
 * <p>A chat request is counted and given an id first, then checked (key, body, model); an error is
 * answered at once, a valid request becomes an {@link InFlightResponse} timed by the {@link
 * TimingModel}. A valid request's fault, the next step of the server's {@link FaultSchedule}, is
 * decided here: error faults, {@code reset} and {@code stall} replace the completion, the others
 * change how it is delivered.
 */
final class SimulatorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String MODELS_PATH = "/v1/models";
  static final String CHAT_PATH = "/v1/chat/completions";
  static final String COMPLETIONS_PATH = "/v1/completions";
  static final String METRICS_PATH = "/metrics";
  private static final String BEARER = "Bearer ";

  private final ServerContext server;
  private final ErrorStyle errors;
  private @Nullable InFlightResponse current;
  // one handler per connection: the requests read on it so far
  private long exchanges;

  SimulatorHandler(ServerContext server) {
    this.server = server;
    this.errors = server.config().profile().wire().errors();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long arrivalNanos = System.nanoTime();
    exchanges++;
    if (request.decoderResult().isFailure()) {
      // Not HTTP we can answer on this connection: say so and hang up, as servers do.
      ctx.writeAndFlush(HttpResponses.error(errors, OpenAiError.badHttp(), null))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    HttpMethod method = request.method();
    switch (path) {
      case CHAT_PATH, COMPLETIONS_PATH -> {
        if (HttpMethod.POST.equals(method)) {
          chat(ctx, request, arrivalNanos, path.equals(COMPLETIONS_PATH));
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
                  ? HttpResponses.error(errors, authError, null)
                  : HttpResponses.json(HttpResponseStatus.OK, server.modelsBody(), null));
        }
      }
      case METRICS_PATH -> {
        if (HttpMethod.GET.equals(method)) {
          metrics(ctx);
        } else {
          methodNotAllowed(ctx, method, path, HttpMethod.GET);
        }
      }
      default ->
          ctx.writeAndFlush(
              HttpResponses.error(errors, OpenAiError.unknownUrl(method.name(), path), null));
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

  private void chat(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      long arrivalNanos,
      boolean textCompletion) {
    long number = server.nextRequestNumber(exchanges == 1);
    String id =
        textCompletion
            ? ServerContext.textCompletionId(number)
            : ServerContext.completionId(number);
    SimulatorConfig config = server.config();
    ChatRequest chat;
    try {
      OpenAiError authError = authError(request);
      if (authError != null) {
        throw new ChatRequest.InvalidRequestException(authError);
      }
      chat =
          ChatRequest.parse(
              ByteBufUtil.getBytes(request.content()),
              config.profile().wire().anyModel() ? null : config.model(),
              config.promptCounting(),
              textCompletion,
              server.prefixCache() != null ? config.conversations().prefixCacheBlockTokens() : 0);
    } catch (ChatRequest.InvalidRequestException e) {
      // Faults stand for trouble while serving: an invalid request gets its own error.
      respondWithError(ctx, e.error(), id, arrivalNanos, null);
      return;
    }
    // After validation, so a scripted fault is never spent on a request that gets its own error.
    Fault fault = server.faults().next(number);
    if (fault != null) {
      switch (fault) {
        case SERVER_ERROR -> {
          respondWithError(ctx, OpenAiError.serverError(), id, arrivalNanos, fault);
          return;
        }
        case UNAVAILABLE -> {
          respondWithError(ctx, OpenAiError.overloaded(), id, arrivalNanos, fault);
          return;
        }
        case RATE_LIMITED -> {
          respondWithError(ctx, OpenAiError.rateLimited(config.model()), id, arrivalNanos, fault);
          return;
        }
        case RESET -> {
          reset(ctx, id, arrivalNanos, chat);
          return;
        }
        case STALL -> {
          current =
              new StalledResponse(ctx, id, arrivalNanos, chat, server.stallLimit(), server.truth());
          current.start();
          return;
        }
        default -> {
          // cut, malformed, slow, nousage: a completion that goes wrong on the way
        }
      }
    }
    // the legacy completions API has no field for reasoning: only chat answers think first
    int reasoning =
        config.reasoningTokens() == null || chat.textCompletion()
            ? 0
            : config.reasoningTokens().sample(RequestRandom.reasoning(config.seed(), number));
    OutputLength length =
        OutputLength.of(
            chat,
            config.realism().stopMeanTokens(),
            RequestRandom.stop(config.seed(), number),
            reasoning);
    PrefixCache cache = server.prefixCache();
    int cachedTokens =
        cache == null ? 0 : cache.lookupAndRemember(chat.promptBlocks(), chat.promptTokens());
    // A reasoning model thinks first and then calls: the call gets the tokens after the
    // reasoning; none when max_tokens ran out while thinking (no answer, finish_reason length).
    int answerTokens = length.tokens() - length.reasoningTokens();
    ToolCallAnswer toolCall =
        answerTokens == 0
            ? null
            : ToolCallAnswer.decide(
                chat.tools(),
                config.conversations().toolCallShare(),
                RequestRandom.tool(config.seed(), number),
                number,
                answerTokens);
    Completion completion =
        new Completion(
            id,
            System.currentTimeMillis() / 1000,
            config.model(),
            chat,
            length,
            fault != Fault.NO_USAGE,
            config.profile().wire(),
            new LlamaTimings(
                chat.promptTokens(), cachedTokens, length.tokens(), config.ttft(), config.itl()),
            toolCall,
            cachedTokens,
            cache != null && config.profile().reportsCachedTokens());
    TimingModel timing = server.timing();
    Sequence sequence =
        new Sequence(
            timing,
            ctx.executor(),
            arrivalNanos,
            // Cached prompt tokens skip prefill.
            chat.promptTokens() - cachedTokens,
            length.tokens(),
            RequestRandom.jitter(config.seed(), number),
            fault == Fault.SLOW,
            server.metrics(),
            chat.promptTokens());
    current =
        chat.stream()
            ? new StreamingResponse(
                ctx,
                completion,
                sequence,
                config.delivery(),
                timing.immediate(),
                server.truth(),
                fault)
            : new NonStreamingResponse(
                ctx, completion, sequence, timing.dependsOnLoad(), server.truth(), fault);
    current.start();
  }

  private void respondWithError(
      ChannelHandlerContext ctx,
      OpenAiError error,
      String id,
      long arrivalNanos,
      @Nullable Fault fault) {
    FullHttpResponse response = HttpResponses.error(errors, error, id);
    if (fault == Fault.RATE_LIMITED) {
      response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
    }
    ctx.writeAndFlush(response);
    server
        .truth()
        .record(
            TruthRecord.error(
                id, arrivalNanos, response.status().code(), System.nanoTime(), fault));
  }

  /**
   * The engine's figures in Prometheus text format, as vLLM serves them at the server root, without
   * a key (vLLM's API-key middleware guards only the {@code /v1} routes: vllm-project/vllm
   * vllm/entrypoints/openai/api_server.py).
   */
  private void metrics(ChannelHandlerContext ctx) {
    byte[] body = server.metrics().exposition(server.timing().waiting()).getBytes(UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, EngineMetrics.CONTENT_TYPE);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ctx.writeAndFlush(response);
  }

  /** The reset fault: SO_LINGER 0 makes close() send a TCP RST instead of a FIN. */
  private void reset(ChannelHandlerContext ctx, String id, long arrivalNanos, ChatRequest chat) {
    ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
    ctx.close();
    server
        .truth()
        .record(
            TruthRecord.unanswered(
                id,
                arrivalNanos,
                null,
                chat.stream(),
                chat.promptTokens(),
                System.nanoTime(),
                false,
                Fault.RESET.kind()));
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

  private void methodNotAllowed(
      ChannelHandlerContext ctx, HttpMethod method, String path, HttpMethod allowed) {
    FullHttpResponse response =
        HttpResponses.error(errors, OpenAiError.methodNotAllowed(method.name(), path), null);
    response.headers().set(HttpHeaderNames.ALLOW, allowed.name());
    ctx.writeAndFlush(response);
  }
}
