package onlinebench.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing of the value shapes every parameter parser shares (whole numbers, booleans, durations),
 * each rejection one line naming the property, the value, where it came from and what is accepted.
 */
final class Values {
  private static final Duration MAX_DURATION = Duration.ofDays(1);
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private Values() {}

  static int wholeNumber(UserInput in, Parameter p, int fallback, int min, int max) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String accepted = "a whole number from " + min + " to " + max;
    try {
      long value = Long.parseLong(raw.get().text().strip().replace("_", ""));
      if (value < min || value > max) {
        throw invalid(p.property(), raw.get(), accepted);
      }
      return (int) value;
    } catch (NumberFormatException e) {
      throw invalid(p.property(), raw.get(), accepted);
    }
  }

  static double positiveNumber(UserInput in, Parameter p, double fallback, double max) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String accepted = "a number > 0 and <= " + (max == 1.0 ? "1" : "1000000");
    try {
      double value = Double.parseDouble(raw.get().text().strip());
      if (!(value > 0 && value <= max)) {
        throw invalid(p.property(), raw.get(), accepted);
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(p.property(), raw.get(), accepted);
    }
  }

  static boolean bool(UserInput in, Parameter p, boolean fallback) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String text = raw.get().text().strip().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.isEmpty()) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw invalid(p.property(), raw.get(), "true or false");
  }

  static Duration duration(UserInput in, Parameter p, Duration fallback) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String accepted = "a duration > 0 up to 24h: seconds (600) or with a unit (500ms, 30s, 10m)";
    Matcher m = DURATION.matcher(raw.get().text().strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(p.property(), raw.get(), accepted);
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double nanosPerUnit =
        switch (unit) {
          case "ms" -> 1e6;
          case "m" -> 60e9;
          case "h" -> 3600e9;
          default -> 1e9;
        };
    Duration d = Duration.ofNanos(Math.round(Math.min(amount * nanosPerUnit, Long.MAX_VALUE)));
    if (d.isZero() || d.compareTo(MAX_DURATION) > 0) {
      throw invalid(p.property(), raw.get(), accepted);
    }
    return d;
  }

  static ConfigException invalid(String name, RawValue raw, String accepted) {
    return new ConfigException(
        name + " must be " + accepted + ", got " + quoted(raw.text()) + " (" + raw.origin() + ")");
  }

  static String quoted(String text) {
    String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
    return "\"" + (oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine) + "\"";
  }
}
