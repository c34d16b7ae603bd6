package onlinebench.report;

import java.time.Duration;
import java.util.Locale;
import onlinebench.metrics.ProgressSnapshot;

/**
 * The one-line live progress: {@code Progress: done/total (pct) | RPS(avg) | Gen tok/s | Total
 * tok/s | Errors | ETA}, plus the recent TTFT median when streaming. A duration-bounded run shows
 * time spent of its duration instead of requests done of the total.
 */
public final class ProgressLine {
  private ProgressLine() {}

  public static String format(ProgressSnapshot p, long total, boolean stream) {
    double seconds = p.elapsedNanos() / 1e9;
    double rps = seconds > 0 ? p.done() / seconds : 0;
    String head =
        String.format(
            Locale.ROOT,
            "Progress: %d/%d (%.1f%%)",
            p.done(),
            total,
            total == 0 ? 100.0 : 100.0 * p.done() / total);
    return head + rates(p, seconds) + " | ETA " + eta(total - p.done(), rps) + ttft(p, stream);
  }

  /**
   * A duration-bounded run's line: {@code Progress: 12.0s/60s (20.0%) | Done 240 | ... | ETA 48s}.
   */
  public static String format(ProgressSnapshot p, Duration duration, boolean stream) {
    double seconds = p.elapsedNanos() / 1e9;
    double total = duration.toNanos() / 1e9;
    String head =
        String.format(
            Locale.ROOT,
            "Progress: %.1fs/%s (%.1f%%) | Done %d",
            seconds,
            Durations.text(duration),
            Math.min(100.0, 100.0 * seconds / total),
            p.done());
    return head
        + rates(p, seconds)
        + " | ETA "
        + clock(Math.max(0, Math.round(total - seconds)))
        + ttft(p, stream);
  }

  private static String rates(ProgressSnapshot p, double seconds) {
    return String.format(
        Locale.ROOT,
        " | RPS(avg) %.2f | Gen tok/s %.1f | Total tok/s %.1f | Errors %s",
        seconds > 0 ? p.done() / seconds : 0,
        seconds > 0 ? p.outputTokens() / seconds : 0,
        seconds > 0 ? p.totalTokens() / seconds : 0,
        p.failed());
  }

  private static String ttft(ProgressSnapshot p, boolean stream) {
    if (!stream) {
      return "";
    }
    return " | TTFT p50 "
        + (p.recentTtftMedianMs().isPresent()
            ? String.format(Locale.ROOT, "%.1f ms", p.recentTtftMedianMs().getAsDouble())
            : "-");
  }

  private static String eta(long remaining, double rps) {
    if (remaining <= 0) {
      return "0s";
    }
    if (rps <= 0) {
      return "-";
    }
    return clock(Math.round(remaining / rps));
  }

  private static String clock(long s) {
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
