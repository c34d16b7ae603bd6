package onlinebench.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import onlinebench.record.LoadEvents;

/**
 * Hands out request tickets across all virtual users: exactly {@code total} of them, so a
 * closed-model run sends exactly that many requests whatever the concurrency (also when total is
 * not a multiple of it); or, for a duration-bounded run, as many as are asked for until the
 * deadline, counted from the first ticket.
 */
public final class RequestBudget {
  private final long total;
  private final long durationNanos;
  private final LoadEvents events;
  private final LongSupplier clock;
  private final AtomicLong taken = new AtomicLong();
  private volatile long deadline = Long.MIN_VALUE;

  public RequestBudget(long total) {
    this(total, Long.MAX_VALUE, null, System::nanoTime);
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, got " + total);
    }
  }

  private RequestBudget(long total, long durationNanos, LoadEvents events, LongSupplier clock) {
    this.total = total;
    this.durationNanos = durationNanos;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Tickets until {@code duration} after the first one; {@code events} learns the deadline when the
   * first ticket is taken.
   */
  public static RequestBudget until(Duration duration, LoadEvents events, LongSupplier clock) {
    return new RequestBudget(Long.MAX_VALUE, duration.toNanos(), events, clock);
  }

  /** True, once per ticket, while tickets remain. */
  public boolean tryTake() {
    if (durationNanos != Long.MAX_VALUE) {
      return beforeDeadline();
    }
    if (taken.get() >= total) {
      return false; // keeps the counter from climbing forever once spent
    }
    return taken.getAndIncrement() < total;
  }

  private boolean beforeDeadline() {
    long now = clock.getAsLong();
    if (deadline == Long.MIN_VALUE) {
      startClock(now);
    }
    return now < deadline;
  }

  private synchronized void startClock(long now) {
    if (deadline == Long.MIN_VALUE) {
      deadline = now + durationNanos;
      events.deadline(deadline);
    }
  }
}
