package onlinebench.compare;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a figure may move the wrong way before it counts as a regression, relative to the
 * baseline.
 *
 * @param percent e.g. 5 for 5%
 */
public record Tolerance(double percent) {
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

  /** Reads {@code 5%}; the percent sign is required, so 0.05 is never taken for 5%. */
  public static Tolerance parse(String text) {
    Matcher m = PERCENT.matcher(text.strip());
    if (!m.matches() || Double.parseDouble(m.group(1)) > 1000) {
      throw new IllegalArgumentException(
          "tolerance must be a percentage from 0% to 1000% such as 5%, got \"" + text + "\"");
    }
    return new Tolerance(Double.parseDouble(m.group(1)));
  }

  /** True when {@code current} is worse than {@code baseline} by more than this tolerance. */
  public boolean regressed(Direction direction, double baseline, double current) {
    double allowed = Math.abs(baseline) * percent / 100;
    return switch (direction) {
      case HIGHER_IS_BETTER -> current < baseline - allowed;
      case LOWER_IS_BETTER -> current > baseline + allowed;
      case INFORMATIONAL -> false;
    };
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s%%", Table.number(percent));
  }
}
