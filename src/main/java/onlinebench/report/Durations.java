package onlinebench.report;

import java.time.Duration;
import java.util.Locale;

/** How durations read in our outputs: {@code 600s}, {@code 1.5s}, {@code 250ms}. */
public final class Durations {
  private Durations() {}

  public static String text(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return (nanos / 1_000_000_000L) + "s";
    }
    if (nanos < 1_000_000_000L && nanos % 1_000_000L == 0) {
      return (nanos / 1_000_000L) + "ms";
    }
    return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
  }
}
