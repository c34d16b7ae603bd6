package onlinebench.simulator;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * A response being produced over time on one connection; at most one per connection, always used on
 * the connection's event loop.
 *
 * <p>This base keeps the bookkeeping every response shares: whether it is done, the one pending
 * timer, and an {@link #abort()} that cancels that timer once and lets the subclass record what was
 * sent. Subclasses only write and say what an abort means for them ({@link #aborted()}).
 */
abstract class InFlightResponse {

  /** The connection's context: its event loop runs every step of the response. */
  final ChannelHandlerContext ctx;

  private @Nullable ScheduledFuture<?> pending;
  private boolean done;

  InFlightResponse(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Starts writing on the connection's event loop; called once. */
  abstract void start();

  /**
   * The connection closed: stop writing, cancel the pending timer and record what was sent. Does
   * nothing once the response is complete.
   */
  final void abort() {
    if (done) {
      return;
    }
    done = true;
    if (pending != null) {
      pending.cancel(false);
    }
    aborted();
  }

  /** Called once by {@link #abort()}, after the timer is cancelled: free what is held, record. */
  abstract void aborted();

  /** Whether the response is complete, failed on purpose, or aborted: nothing more is written. */
  final boolean done() {
    return done;
  }

  /** Marks the response complete (or ended by its fault), so a later close is not an abort. */
  final void markDone() {
    done = true;
  }

  /**
   * Runs {@code step} on the event loop after {@code delayNanos}; the one pending timer. Cancelling
   * a timer that has already fired does nothing, so a step need not clear it.
   */
  final void schedule(Runnable step, long delayNanos) {
    pending = ctx.executor().schedule(step, delayNanos, NANOSECONDS);
  }
}
