package onlinebench.config;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * When to stop a doomed run ({@code -DstopOnErrors=50%/100}): once failures, of any kind, make up
 * {@code percent} or more of the last {@code window} finished measured requests. Immutable.
 *
 * @param percent the share of failures that stops the run, in percent: above 0, at most 100
 * @param window how many of the most recent finished requests the share is taken over, at least 1
 */
public record StopOnErrors(BigDecimal percent, int window) {
  /** The largest window: the window keeps one slot per request. */
  public static final int MAX_WINDOW = 1_000_000;

  public StopOnErrors {
    if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
    }
    if (window < 1 || window > MAX_WINDOW) {
      throw new IllegalArgumentException(
          "window must be in [1, " + MAX_WINDOW + "], got " + window);
    }
    percent = percent.stripTrailingZeros();
  }

  /**
   * The fewest failures among {@code window} requests that reach the share: {@code ceil(percent ×
   * window / 100)}, computed in decimal so that 50%/100 is exactly 50 (never 1 to 100).
   */
  public int minFailures() {
    return percent
        .multiply(BigDecimal.valueOf(window))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
        .intValueExact();
  }

  /** The share as typed, without trailing zeros: {@code 50%}, {@code 12.5%}. */
  public String percentText() {
    return percent.toPlainString() + "%";
  }

  /** The value as the property takes it: {@code 50%/100}. */
  public String text() {
    return percentText() + "/" + window;
  }
}
