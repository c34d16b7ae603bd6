package onlinebench.run;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import onlinebench.config.StopOnErrors;

/**
 * The sliding window behind {@code -DstopOnErrors}: sees the outcome of every finished measured
 * request and trips once, when failures make up the rule's share of the last {@code window}
 * outcomes, never before {@code window} outcomes were seen.
 *
 * <p>Called from every event loop, so it takes no lock: each outcome draws a sequence number and
 * swaps itself into the ring slot of that number, unless a later outcome got there first (its own
 * has then already left the window); the failure count moves by what the swap changed. The window
 * is thus the last {@code window} outcomes by sequence number. While one thread is between drawing
 * its number and swapping, its slot still holds the outcome one window older: the count can lag by
 * the outcomes being recorded at that instant, which the next outcome corrects. Once tripped, an
 * outcome costs one read.
 */
final class ErrorWindow {
  private final StopOnErrors rule;
  private final int window;
  private final int minFailures;
  private final Consumer<String> onTrip;
  private final AtomicLong outcomes = new AtomicLong();
  // per slot: (sequence number + 1) << 1 | 1 if failed; 0 while empty
  private final AtomicLongArray slots;
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicBoolean tripped = new AtomicBoolean();
  private volatile String reason;

  /**
   * @param onTrip told the reason, once, on the thread whose outcome tripped the window
   */
  ErrorWindow(StopOnErrors rule, Consumer<String> onTrip) {
    this.rule = rule;
    this.window = rule.window();
    this.minFailures = rule.minFailures();
    this.onTrip = onTrip;
    this.slots = new AtomicLongArray(window);
  }

  /** One finished measured request: {@code failed} when it ended in any error kind. */
  void record(boolean failed) {
    if (tripped.get()) {
      return;
    }
    long sequence = outcomes.getAndIncrement();
    int slot = (int) (sequence % window);
    long mine = ((sequence + 1) << 1) | (failed ? 1 : 0);
    long old;
    do {
      old = slots.get(slot);
      if ((old >>> 1) > sequence + 1) {
        return; // a later outcome holds the slot: this one is no longer among the last window
      }
    } while (!slots.compareAndSet(slot, old, mine));
    int change = (int) (mine & 1) - (int) (old & 1);
    int now = change == 0 ? failures.get() : failures.addAndGet(change);
    if (sequence + 1 >= window && now >= minFailures && tripped.compareAndSet(false, true)) {
      reason =
          String.format(
              Locale.ROOT,
              "errors reached %.1f%% of the last %d requests (limit %s)",
              100.0 * now / window,
              window,
              rule.percentText());
      onTrip.accept(reason);
    }
  }

  /** Why the window tripped; empty while it has not. */
  Optional<String> tripReason() {
    return Optional.ofNullable(reason);
  }
}
