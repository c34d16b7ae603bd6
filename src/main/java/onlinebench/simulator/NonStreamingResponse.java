package onlinebench.simulator;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * A {@code chat.completion} body written whole when its last token is due (ttft + itl x (n - 1)
 * after arrival), like a server that answers once generation is done. The wait is a timer on the
 * connection's event loop, never a sleeping thread.
 */
final class NonStreamingResponse implements InFlightResponse {

  private final ChannelHandlerContext ctx;
  private final Completion completion;
  private final TokenSchedule schedule;
  private final TruthLog truthLog;
  private @Nullable ScheduledFuture<?> pending;
  private boolean done;

  NonStreamingResponse(
      ChannelHandlerContext ctx, Completion completion, TokenSchedule schedule, TruthLog truthLog) {
    this.ctx = ctx;
    this.completion = completion;
    this.schedule = schedule;
    this.truthLog = truthLog;
  }

  @Override
  public void start() {
    long delayNanos = schedule.lastTokenDueNanos() - System.nanoTime();
    if (delayNanos > 0) {
      pending = ctx.executor().schedule(this::write, delayNanos, NANOSECONDS);
    } else {
      write();
    }
  }

  @Override
  public void abort() {
    if (done) {
      return;
    }
    done = true;
    if (pending != null) {
      pending.cancel(false);
    }
    record(0, new long[0], true);
  }

  private void write() {
    if (done) {
      return;
    }
    done = true;
    var response = HttpResponses.json(HttpResponseStatus.OK, completion.body(), completion.id());
    long writeNanos = System.nanoTime();
    ctx.writeAndFlush(response);
    record(completion.request().outputTokens(), new long[] {writeNanos}, false);
  }

  private void record(int tokensSent, long[] chunkNanos, boolean aborted) {
    truthLog.record(
        new TruthRecord(
            completion.id(),
            schedule.arrivalNanos(),
            HttpResponseStatus.OK.code(),
            false,
            completion.request().promptTokens(),
            tokensSent,
            chunkNanos,
            System.nanoTime(),
            aborted));
  }
}
