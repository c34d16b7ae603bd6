package onlinebench.load;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Ramp-up of the closed model: the k-th of {@code users} users to ask starts its measured loop k ×
 * rampUp / users after the first, so the concurrency rises linearly over the ramp-up. Thread-safe.
 */
public final class RampUpStarts {
  private final int users;
  private final long rampNanos;
  private final LongSupplier clock;
  private long origin;
  private long asked;

  public RampUpStarts(int users, Duration rampUp, LongSupplier clock) {
    this.users = Math.max(1, users);
    this.rampNanos = rampUp.toNanos();
    this.clock = clock;
  }

  /** When the calling user should start ({@link System#nanoTime()} base). */
  public synchronized long nextStartNanos() {
    if (asked == 0) {
      origin = clock.getAsLong();
    }
    long k = asked++;
    return origin + Math.round((double) rampNanos * k / users);
  }
}
