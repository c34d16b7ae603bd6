package onlinebench.report;

import java.util.Locale;
import onlinebench.metrics.ProgressSnapshot;

/**
 * The one-line live progress: {@code Progress: done/total (pct) | RPS(avg) | Gen tok/s | Total
 * tok/s | Errors | ETA}, plus the recent TTFT median when streaming.
 */
public final class ProgressLine {
  private ProgressLine() {}

  public static String format(ProgressSnapshot p, long total, boolean stream) {
    double seconds = p.elapsedNanos() / 1e9;
    double rps = seconds > 0 ? p.done() / seconds : 0;
    StringBuilder line = new StringBuilder();
    line.append(
        String.format(
            Locale.ROOT,
            "Progress: %d/%d (%.1f%%) | RPS(avg) %.2f | Gen tok/s %.1f"
                + " | Total tok/s %.1f | Errors %s | ETA %s",
            p.done(),
            total,
            total == 0 ? 100.0 : 100.0 * p.done() / total,
            rps,
            seconds > 0 ? p.outputTokens() / seconds : 0,
            seconds > 0 ? p.totalTokens() / seconds : 0,
            p.failed(),
            eta(total - p.done(), rps)));
    if (stream) {
      line.append(" | TTFT p50 ")
          .append(
              p.recentTtftMedianMs().isPresent()
                  ? String.format(Locale.ROOT, "%.1f ms", p.recentTtftMedianMs().getAsDouble())
                  : "-");
    }
    return line.toString();
  }

  private static String eta(long remaining, double rps) {
    if (remaining <= 0) {
      return "0s";
    }
    if (rps <= 0) {
      return "-";
    }
    long s = Math.round(remaining / rps);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
