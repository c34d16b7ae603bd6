package onlinebench.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The chat requests one server has served, in memory, in the order their records were made (when
 * each response ended), for {@link SimulatorServer#takeRequest()}. At most {@code limit} are kept;
 * later ones are counted as dropped, so a long run with capture on stays bounded. Thread-safe:
 * event loops add while a test takes.
 */
final class ServedRequests {

  private static final ServedRequests OFF = new ServedRequests(0);

  private final int limit;
  private final List<TruthRecord> kept = new ArrayList<>();
  private int taken;
  private long dropped;

  ServedRequests(int limit) {
    this.limit = limit;
  }

  static ServedRequests off() {
    return OFF;
  }

  /** Whether anything is kept at all ({@link SimulatorConfig#captureLimit()} above 0). */
  boolean enabled() {
    return limit > 0;
  }

  void add(TruthRecord record) {
    if (!enabled()) {
      return; // before the lock: with capture off (the CLI simulator) event loops never contend
    }
    synchronized (this) {
      if (kept.size() < limit) {
        kept.add(record);
      } else {
        dropped++;
      }
      // A drop wakes takers too: the record they wait for will never come.
      notifyAll();
    }
  }

  /**
   * The next record not yet taken, waiting up to {@code timeout} for one; null when none came.
   *
   * @throws IllegalStateException when capture is off, or when the next record was dropped because
   *     the limit was reached (waiting would never return it)
   */
  synchronized @Nullable TruthRecord take(Duration timeout) throws InterruptedException {
    requireEnabled();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (taken == kept.size()) {
      if (dropped > 0) {
        throw new IllegalStateException(
            "all "
                + limit
                + " captured requests were taken and "
                + dropped
                + " more were not kept (capture limit "
                + limit
                + "); raise it with SimulatorConfig.withCaptureLimit");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return kept.get(taken++);
  }

  /**
   * Every record kept, taken or not, in order, once {@code received} requests have been recorded
   * (kept or dropped), waiting up to {@code timeout} for responses still being answered.
   *
   * @throws IllegalStateException when capture is off, or when some are still being answered at the
   *     timeout
   */
  synchronized List<TruthRecord> all(long received, Duration timeout) throws InterruptedException {
    requireEnabled();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (kept.size() + dropped < received) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            (received - kept.size() - dropped)
                + " of "
                + received
                + " chat requests were still being answered after "
                + timeout.toSeconds()
                + " s; takeRequest() returns them one by one as they end");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return List.copyOf(kept);
  }

  private void requireEnabled() {
    if (!enabled()) {
      throw new IllegalStateException(
          "the simulator keeps no served requests: start it with SimulatorConfig.fast() or"
              + " withCaptureLimit(n) with n >= 1");
    }
  }
}
