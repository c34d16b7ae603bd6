package onlinebench.simulator;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * An SSE response ({@link StreamEvents}) written token by token on its {@link TokenSchedule}.
 *
 * <p>Headers go out at once, as real servers send them long before the first token. In {@link
 * Delivery#TOKEN} each event is its own write and flush at its due time; the role chunk rides with
 * the first token, and the finish, usage and {@code [DONE]} events follow the last token
 * immediately. In {@link Delivery#WHOLE}, which needs an immediate schedule, the whole body is one
 * buffer and one write. All waiting is timers on the connection's event loop.
 */
final class StreamingResponse implements InFlightResponse {

  private final ChannelHandlerContext ctx;
  private final Completion completion;
  private final StreamEvents events;
  private final TokenSchedule schedule;
  private final Delivery delivery;
  private final TruthLog truthLog;
  private final long @Nullable [] chunkNanos;
  private final int tokens;
  private int sent;
  private @Nullable ScheduledFuture<?> pending;
  private boolean done;

  StreamingResponse(
      ChannelHandlerContext ctx,
      Completion completion,
      TokenSchedule schedule,
      Delivery delivery,
      TruthLog truthLog) {
    this.ctx = ctx;
    this.completion = completion;
    this.events = completion.streamEvents();
    this.schedule = schedule;
    this.delivery = delivery;
    this.truthLog = truthLog;
    this.tokens = completion.request().outputTokens();
    this.chunkNanos = truthLog.enabled() ? new long[tokens] : null;
  }

  @Override
  public void start() {
    if (delivery == Delivery.WHOLE && schedule.immediate()) {
      writeWhole();
      return;
    }
    ctx.writeAndFlush(HttpResponses.eventStream(completion.id()));
    writeDueTokens();
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

  /**
   * Writes every token already due, then sets a timer for the next one. Deadlines are absolute, so
   * a late timer makes the following tokens catch up instead of drifting.
   */
  private void writeDueTokens() {
    pending = null;
    while (!done) {
      if (!ctx.channel().isActive()) {
        abort();
        return;
      }
      long delayNanos = schedule.tokenDueNanos(sent) - System.nanoTime();
      if (delayNanos > 0) {
        pending = ctx.executor().schedule(this::writeDueTokens, delayNanos, NANOSECONDS);
        return;
      }
      writeToken();
    }
  }

  private void writeToken() {
    ByteBuf buf = ctx.alloc().buffer(events.maxTokenEventBytes(sent));
    if (sent == 0) {
      events.writeFirstToken(buf);
    } else {
      events.writeToken(buf, sent);
    }
    markChunk();
    ctx.writeAndFlush(new DefaultHttpContent(buf));
    sent++;
    if (sent == tokens) {
      finish();
    }
  }

  private void finish() {
    ByteBuf finish = ctx.alloc().buffer();
    events.writeFinish(finish);
    ctx.writeAndFlush(new DefaultHttpContent(finish));
    if (events.hasUsage()) {
      ByteBuf usage = ctx.alloc().buffer();
      events.writeUsage(usage);
      ctx.writeAndFlush(new DefaultHttpContent(usage));
    }
    ByteBuf doneEvent = ctx.alloc().buffer();
    events.writeDone(doneEvent);
    ctx.writeAndFlush(new DefaultLastHttpContent(doneEvent));
    done = true;
    record(false);
  }

  private void writeWhole() {
    ByteBuf buf = ctx.alloc().buffer(events.maxStreamBytes(tokens));
    events.writeFirstToken(buf);
    for (int i = 1; i < tokens; i++) {
      events.writeToken(buf, i);
    }
    events.writeFinish(buf);
    events.writeUsage(buf);
    events.writeDone(buf);
    ctx.write(HttpResponses.eventStream(completion.id()));
    long writeNanos = System.nanoTime();
    ctx.writeAndFlush(new DefaultLastHttpContent(buf));
    if (chunkNanos != null) {
      Arrays.fill(chunkNanos, writeNanos);
    }
    sent = tokens;
    done = true;
    record(false);
  }

  private void markChunk() {
    if (chunkNanos != null) {
      chunkNanos[sent] = System.nanoTime();
    }
  }

  private void record(boolean aborted) {
    if (chunkNanos == null) {
      return;
    }
    truthLog.record(
        new TruthRecord(
            completion.id(),
            schedule.arrivalNanos(),
            HttpResponseStatus.OK.code(),
            true,
            completion.request().promptTokens(),
            sent,
            sent == tokens ? chunkNanos : Arrays.copyOf(chunkNanos, sent),
            System.nanoTime(),
            aborted));
  }
}
