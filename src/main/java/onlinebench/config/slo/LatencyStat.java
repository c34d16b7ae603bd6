package onlinebench.config.slo;

import java.util.Arrays;
import java.util.Optional;

/** The statistic of a latency that a clause gates on. */
public enum LatencyStat {
  MEAN("mean"),
  MEDIAN("median"),
  P90("p90"),
  P95("p95"),
  P99("p99"),
  P99_9("p99.9"),
  MAX("max");

  private final String text;

  LatencyStat(String text) {
    this.text = text;
  }

  /** How a clause names it; {@code p50} is read as {@link #MEDIAN}. */
  public String text() {
    return text;
  }

  /** The percentile it stands for, or empty for mean (max is the 100th). */
  public Optional<Double> percentile() {
    return switch (this) {
      case MEAN -> Optional.empty();
      case MEDIAN -> Optional.of(50.0);
      case P90 -> Optional.of(90.0);
      case P95 -> Optional.of(95.0);
      case P99 -> Optional.of(99.0);
      case P99_9 -> Optional.of(99.9);
      case MAX -> Optional.of(100.0);
    };
  }

  static Optional<LatencyStat> parse(String text) {
    if (text.equals("p50")) {
      return Optional.of(MEDIAN);
    }
    return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst();
  }
}
