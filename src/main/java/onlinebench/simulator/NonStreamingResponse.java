package onlinebench.simulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A {@code chat.completion} body written whole when its last token is due, like a server that
 * answers once generation is done. When token intervals do not depend on the load, that deadline is
 * computed at once and waited for with one timer; with batch slowdown the tokens are timed one by
 * one (nothing is written) so each interval sees the batch of its moment. The waits are timers on
 * the connection's event loop, never a sleeping thread. Faults {@code cut}, {@code malformed},
 * {@code slow} and {@code nousage} change the body as {@link Fault} describes.
 */
final class NonStreamingResponse extends InFlightResponse {

  private final Completion completion;
  private final Sequence sequence;
  private final boolean timeEachToken;
  private final TruthSink truth;
  private final @Nullable Fault fault;

  NonStreamingResponse(
      ChannelHandlerContext ctx,
      Completion completion,
      Sequence sequence,
      boolean timeEachToken,
      TruthSink truth,
      @Nullable Fault fault) {
    super(ctx);
    this.completion = completion;
    this.sequence = sequence;
    this.timeEachToken = timeEachToken;
    this.truth = truth;
    this.fault = fault;
  }

  @Override
  void start() {
    sequence.admit(
        () -> {
          if (!timeEachToken) {
            sequence.skipToLastToken();
          }
          advance();
        });
  }

  @Override
  void aborted() {
    sequence.end();
    record(null, 0, new long[0], true);
  }

  /** Passes every token already due; the last one writes the body. */
  private void advance() {
    int tokens = completion.outputTokens();
    while (!done()) {
      long delayNanos = sequence.tokenDueNanos() - System.nanoTime();
      if (delayNanos > 0) {
        schedule(this::advance, delayNanos);
        return;
      }
      if (sequence.emitted() == tokens - 1) {
        write();
        return;
      }
      sequence.tokenWritten();
    }
  }

  private void write() {
    markDone();
    byte[] body = completion.body();
    String id = completion.id();
    int tokens = completion.outputTokens();
    long writeNanos = System.nanoTime();
    if (fault == Fault.CUT) {
      // Headers promise the whole body; half of it arrives, then the connection closes.
      ctx.write(HttpResponses.jsonHeaders(body.length, id));
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, 0, body.length / 2)))
          .addListener(ChannelFutureListener.CLOSE);
      sequence.tokenWritten();
      record(HttpResponseStatus.OK.code(), 0, new long[] {writeNanos}, false);
      return;
    }
    if (fault == Fault.MALFORMED) {
      body = Arrays.copyOf(body, body.length - 1); // without its closing brace
    }
    ctx.writeAndFlush(HttpResponses.json(HttpResponseStatus.OK, body, id));
    sequence.tokenWritten(); // the last: frees the slot
    record(HttpResponseStatus.OK.code(), tokens, new long[] {writeNanos}, false);
  }

  private void record(
      @Nullable Integer status, int tokensSent, long[] chunkNanos, boolean aborted) {
    truth.record(
        new TruthRecord(
            completion.id(),
            sequence.arrivalNanos(),
            // An aborted plain response never sent its status line.
            aborted ? null : status,
            false,
            completion.request().promptTokens(),
            tokensSent,
            chunkNanos,
            System.nanoTime(),
            aborted,
            fault == null ? null : fault.kind(),
            sequence.queuedNanos(),
            tokensSent > 0 ? completion.finishReason() : null,
            Math.min(tokensSent, completion.reasoningTokens()),
            completion.toolCall() != null,
            completion.cachedPromptTokens(),
            completion.request().toolResults()));
  }
}
