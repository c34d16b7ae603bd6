package onlinebench.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out exactly {@code total} request tickets across all virtual users, so a closed-model run
 * sends exactly that many requests whatever the concurrency (also when total is not a multiple of
 * it).
 */
public final class RequestBudget {
  private final long total;
  private final AtomicLong taken = new AtomicLong();

  public RequestBudget(long total) {
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, got " + total);
    }
    this.total = total;
  }

  /** True, once per ticket, while tickets remain. */
  public boolean tryTake() {
    if (taken.get() >= total) {
      return false; // keeps the counter from climbing forever once spent
    }
    return taken.getAndIncrement() < total;
  }
}
