package onlinebench.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An SSE response ({@link StreamEvents}) written token by token at the deadlines of its {@link
 * Sequence}.
 *
 * <p>Headers go out at once, as real servers send them long before the first token (and while a
 * request waits for a slot). In {@link Delivery#TOKEN} each event is its own write and flush at its
 * due time; the role chunk rides with the first token (or, as the profile says, goes in its own
 * write just before it or as soon as the request is admitted), and the finish, usage and {@code
 * [DONE]} events follow the last token immediately. In {@link Delivery#WHOLE}, which needs an
 * immediate schedule, the whole body is one buffer and one write. All waiting is timers on the
 * connection's event loop. Faults {@code cut}, {@code malformed}, {@code slow} and {@code nousage}
 * change the stream as {@link Fault} describes.
 */
final class StreamingResponse extends InFlightResponse {

  private final Completion completion;
  private final StreamEvents events;
  private final Sequence sequence;
  private final Delivery delivery;
  private final boolean immediate;
  private final TruthSink truth;
  private final @Nullable Fault fault;
  private final boolean usageWithFinish;
  private final long @Nullable [] chunkNanos;
  private final int tokens;
  private boolean finished;
  private boolean roleSent;

  StreamingResponse(
      ChannelHandlerContext ctx,
      Completion completion,
      Sequence sequence,
      Delivery delivery,
      boolean immediate,
      TruthSink truth,
      @Nullable Fault fault) {
    super(ctx);
    this.completion = completion;
    this.events = completion.streamEvents();
    this.sequence = sequence;
    this.delivery = delivery;
    this.immediate = immediate;
    this.truth = truth;
    this.fault = fault;
    this.tokens = completion.outputTokens();
    this.usageWithFinish = completion.wire().usageWithFinish();
    this.chunkNanos = truth.enabled() ? new long[tokens] : null;
  }

  @Override
  void start() {
    if (delivery == Delivery.WHOLE && immediate && (fault == null || fault == Fault.NO_USAGE)) {
      writeWhole();
      return;
    }
    ctx.writeAndFlush(HttpResponses.eventStream(completion.id()));
    sequence.admit(this::writeDueTokens);
  }

  @Override
  void aborted() {
    sequence.end();
    record(true);
  }

  /**
   * Writes every token already due, then sets a timer for the next one. Deadlines are absolute, so
   * a late timer makes the following tokens catch up instead of drifting.
   */
  private void writeDueTokens() {
    if (!roleSent && events.roleWrite() == StreamEvents.RoleWrite.AT_ADMISSION) {
      writeRoleAlone();
    }
    while (!done()) {
      if (!ctx.channel().isActive()) {
        abort();
        return;
      }
      if (fault == Fault.CUT && sequence.emitted() == tokens / 2) {
        cut();
        return;
      }
      long delayNanos = sequence.tokenDueNanos() - System.nanoTime();
      if (delayNanos > 0) {
        schedule(this::writeDueTokens, delayNanos);
        return;
      }
      writeToken();
    }
  }

  private void writeToken() {
    int index = sequence.emitted();
    if (index == 0 && events.roleWrite() == StreamEvents.RoleWrite.BEFORE_FIRST_TOKEN) {
      writeRoleAlone();
    }
    ByteBuf buf = ctx.alloc().buffer(events.maxTokenEventBytes(index));
    if (index == 0 && events.roleWrite() == StreamEvents.RoleWrite.WITH_FIRST_TOKEN) {
      events.writeRole(buf);
    }
    if (fault == Fault.MALFORMED && index == tokens / 2) {
      events.writeMalformedToken(buf, index);
    } else {
      events.writeToken(buf, index);
    }
    if (chunkNanos != null) {
      chunkNanos[index] = System.nanoTime();
    }
    ctx.writeAndFlush(new DefaultHttpContent(buf));
    sequence.tokenWritten();
    if (sequence.emitted() == tokens) {
      finish();
    }
  }

  private void writeIfAny(ByteBuf events) {
    if (events.isReadable()) {
      ctx.writeAndFlush(new DefaultHttpContent(events));
    } else {
      events.release();
    }
  }

  /** The role chunk as its own write and flush; it carries no token. */
  private void writeRoleAlone() {
    roleSent = true;
    ByteBuf role = ctx.alloc().buffer();
    events.writeRole(role);
    ctx.writeAndFlush(new DefaultHttpContent(role));
  }

  private void finish() {
    ByteBuf finish = ctx.alloc().buffer();
    events.writeFinish(finish);
    ByteBuf usage = usageWithFinish ? finish : ctx.alloc().buffer();
    events.writeUsage(usage);
    writeIfAny(finish);
    if (usage != finish) {
      writeIfAny(usage);
    }
    ByteBuf doneEvent = ctx.alloc().buffer();
    events.writeDone(doneEvent);
    ctx.writeAndFlush(new DefaultLastHttpContent(doneEvent));
    markDone();
    finished = true;
    record(false);
  }

  /** The cut fault: the connection closes mid-stream, without finish chunk or [DONE]. */
  private void cut() {
    markDone();
    sequence.end();
    record(false);
    ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
  }

  private void writeWhole() {
    ByteBuf buf = ctx.alloc().buffer(events.maxStreamBytes(tokens));
    events.writeRole(buf);
    for (int i = 0; i < tokens; i++) {
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
    markDone();
    finished = true;
    recordSent(tokens, false);
  }

  private void record(boolean aborted) {
    recordSent(sequence.emitted(), aborted);
  }

  private void recordSent(int sent, boolean aborted) {
    if (chunkNanos == null) {
      return;
    }
    truth.record(
        new TruthRecord(
            completion.id(),
            sequence.arrivalNanos(),
            HttpResponseStatus.OK.code(),
            true,
            completion.request().promptTokens(),
            sent,
            sent == tokens ? chunkNanos : Arrays.copyOf(chunkNanos, sent),
            System.nanoTime(),
            aborted,
            fault == null ? null : fault.kind(),
            sequence.queuedNanos(),
            finished ? completion.finishReason() : null,
            Math.min(sent, completion.reasoningTokens()),
            completion.toolCall() != null,
            completion.cachedPromptTokens(),
            completion.request().toolResults()));
  }
}
