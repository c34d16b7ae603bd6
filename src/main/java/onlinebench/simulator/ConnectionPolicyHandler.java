package onlinebench.simulator;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Treats one connection as its {@link ConnectionPolicy} says: closes it when idle, announces and
 * enforces a request limit, says {@code Connection: close} after errors, and hangs up on a request
 * that follows a streamed answer. Sits between {@code HttpServerKeepAliveHandler} (which closes the
 * connection after a response marked {@code Connection: close}) and the aggregator, so it sees each
 * request's head before its body and each response's head before the keep-alive handler does.
 */
final class ConnectionPolicyHandler extends ChannelDuplexHandler {

  private final ConnectionPolicy policy;
  private int requests;
  private boolean streamAnswered;
  private boolean dropping;
  private boolean responseIsStream;
  private @Nullable ScheduledFuture<?> idleClose;

  ConnectionPolicyHandler(ConnectionPolicy policy) {
    this.policy = policy;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    startIdleTimer(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancelIdleTimer();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      cancelIdleTimer();
      if (policy.closeAfterStream() && streamAnswered) {
        // ../shared/wire/llama.cpp/two-streams-one-connection.txt: the request after a complete
        // streamed answer is met with a close and no answer at all.
        dropping = true;
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      requests++;
    } else if (dropping && msg instanceof HttpContent) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response) {
      shapeHead(response);
    }
    if (msg instanceof LastHttpContent) {
      boolean stream = responseIsStream;
      ctx.write(msg, promise.unvoid())
          .addListener(
              (ChannelFutureListener)
                  f -> {
                    if (f.isSuccess() && f.channel().isActive()) {
                      streamAnswered |= stream;
                      startIdleTimer(ctx);
                    }
                  });
      return;
    }
    ctx.write(msg, promise);
  }

  private void shapeHead(HttpResponse response) {
    String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    responseIsStream = type.startsWith("text/event-stream");
    boolean last = policy.maxRequests() > 0 && requests >= policy.maxRequests();
    boolean error = response.status().code() >= 400;
    if (last || (error && policy.closeAfterError())) {
      HttpUtil.setKeepAlive(response, false);
    } else if (policy.advertiseKeepAlive()) {
      response.headers().set(HttpHeaderNames.KEEP_ALIVE, policy.keepAliveHeader());
    }
  }

  private void startIdleTimer(ChannelHandlerContext ctx) {
    Duration timeout = policy.idleTimeout();
    if (timeout == null) {
      return;
    }
    cancelIdleTimer();
    idleClose = ctx.executor().schedule(() -> ctx.close(), timeout.toNanos(), NANOSECONDS);
  }

  private void cancelIdleTimer() {
    if (idleClose != null) {
      idleClose.cancel(false);
      idleClose = null;
    }
  }
}
