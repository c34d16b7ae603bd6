package onlinebench.simulator;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;

/**
 * The {@code stall} fault: nothing is ever sent. The connection stays open until the client closes
 * it ({@link #abort()}, which cancels the timer) or, at the latest, until {@code limit} has passed,
 * when the server closes it. So a stalled request never outlives its client by more than the limit
 * and holds no sequence slot.
 */
final class StalledResponse extends InFlightResponse {

  /** How long the server holds a stalled connection at most. */
  static final Duration DEFAULT_LIMIT = Duration.ofMinutes(10);

  private final String id;
  private final long arrivalNanos;
  private final ChatRequest request;
  private final Duration limit;
  private final TruthSink truth;

  StalledResponse(
      ChannelHandlerContext ctx,
      String id,
      long arrivalNanos,
      ChatRequest request,
      Duration limit,
      TruthSink truth) {
    super(ctx);
    this.id = id;
    this.arrivalNanos = arrivalNanos;
    this.request = request;
    this.limit = limit;
    this.truth = truth;
  }

  @Override
  void start() {
    schedule(this::giveUp, limit.toNanos());
  }

  @Override
  void aborted() {
    record(true);
  }

  private void giveUp() {
    if (done()) {
      return;
    }
    markDone();
    record(false);
    ctx.close();
  }

  private void record(boolean aborted) {
    truth.record(
        TruthRecord.unanswered(
            id,
            arrivalNanos,
            null,
            request.stream(),
            request.promptTokens(),
            System.nanoTime(),
            aborted,
            Fault.STALL.kind()));
  }
}
