package onlinebench.simulator;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * The {@code stall} fault: nothing is ever sent. The connection stays open until the client closes
 * it ({@link #abort()}, which cancels the timer) or, at the latest, until {@code limit} has passed,
 * when the server closes it. So a stalled request never outlives its client by more than the limit
 * and holds no sequence slot.
 */
final class StalledResponse implements InFlightResponse {

  /** How long the server holds a stalled connection at most. */
  static final Duration DEFAULT_LIMIT = Duration.ofMinutes(10);

  private final ChannelHandlerContext ctx;
  private final String id;
  private final long arrivalNanos;
  private final ChatRequest request;
  private final Duration limit;
  private final TruthLog truthLog;
  private @Nullable ScheduledFuture<?> pending;
  private boolean done;

  StalledResponse(
      ChannelHandlerContext ctx,
      String id,
      long arrivalNanos,
      ChatRequest request,
      Duration limit,
      TruthLog truthLog) {
    this.ctx = ctx;
    this.id = id;
    this.arrivalNanos = arrivalNanos;
    this.request = request;
    this.limit = limit;
    this.truthLog = truthLog;
  }

  @Override
  public void start() {
    pending = ctx.executor().schedule(this::giveUp, limit.toNanos(), NANOSECONDS);
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
    record(true);
  }

  private void giveUp() {
    if (done) {
      return;
    }
    done = true;
    record(false);
    ctx.close();
  }

  private void record(boolean aborted) {
    truthLog.record(
        new TruthRecord(
            id,
            arrivalNanos,
            null,
            request.stream(),
            request.promptTokens(),
            0,
            new long[0],
            System.nanoTime(),
            aborted,
            Fault.STALL.kind(),
            0,
            null));
  }
}
