package onlinebench.config;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token length, fixed or drawn per request: a whole number ({@code 1024}), a uniform range with
 * both ends included ({@code 512:1024}), or a normal distribution ({@code 1024~128}, mean~stddev)
 * truncated to {@code [max(1, mean - 4 stddev), mean + 4 stddev]}. The truncation is symmetric, so
 * the mean stays the mean whenever {@code mean - 4 stddev >= 1}, and the longest prompt is bounded.
 * Immutable; {@link #toString()} gives it back as typed.
 *
 * @param shape which of the three forms
 * @param first the value, the range's minimum, or the mean
 * @param second the range's maximum or the standard deviation; 0 for a fixed length
 */
public record LengthSpec(Shape shape, int first, int second) {

  /** The three accepted forms. */
  public enum Shape {
    FIXED,
    UNIFORM,
    NORMAL
  }

  /** The grammar, as every rejection message states it. */
  static final String GRAMMAR =
      "a whole number (1024), a range min:max (512:1024) or a normal mean~stddev (1024~128)";

  private static final Pattern FORM =
      Pattern.compile("(\\d[\\d_]*)\\s*(?:([:~])\\s*(\\d[\\d_]*))?");
  private static final int MAX_NORMAL_DRAWS = 64;

  public LengthSpec {
    if (shape == Shape.FIXED && (first < 1 || second != 0)) {
      throw new IllegalArgumentException("a fixed length must be >= 1, got " + first);
    }
    if (shape == Shape.UNIFORM && (first < 1 || second < first)) {
      throw new IllegalArgumentException(
          "a range needs 1 <= min <= max, got " + first + ":" + second);
    }
    if (shape == Shape.NORMAL && (first < 1 || second < 0)) {
      throw new IllegalArgumentException(
          "a normal needs mean >= 1 and stddev >= 0, got " + first + "~" + second);
    }
  }

  public static LengthSpec fixed(int tokens) {
    return new LengthSpec(Shape.FIXED, tokens, 0);
  }

  public static LengthSpec uniform(int min, int max) {
    return new LengthSpec(Shape.UNIFORM, min, max);
  }

  public static LengthSpec normal(int mean, int stddev) {
    return new LengthSpec(Shape.NORMAL, mean, stddev);
  }

  /** The shortest length a draw can give. */
  public int min() {
    return switch (shape) {
      case FIXED, UNIFORM -> first;
      case NORMAL -> (int) Math.max(1, (long) first - 4L * second);
    };
  }

  /** The longest length a draw can give. */
  public int max() {
    return switch (shape) {
      case FIXED -> first;
      case UNIFORM -> second;
      case NORMAL -> (int) Math.min(Integer.MAX_VALUE, (long) first + 4L * second);
    };
  }

  /** True when every draw gives the same length. */
  public boolean isFixed() {
    return min() == max();
  }

  /**
   * One length, from a random source the caller seeds (so the same seed gives the same lengths);
   * thread-safe, as the spec itself holds no state.
   */
  public int sample(SplittableRandom random) {
    return switch (shape) {
      case FIXED -> first;
      case UNIFORM -> first + random.nextInt(second - first + 1);
      case NORMAL -> normal(random);
    };
  }

  private int normal(SplittableRandom random) {
    if (second == 0) {
      return first;
    }
    int lo = min();
    int hi = max();
    // rejection keeps the shape inside the bounds; 4 stddev leaves almost nothing to reject
    for (int i = 0; i < MAX_NORMAL_DRAWS; i++) {
      long value = Math.round(first + second * gaussian(random));
      if (value >= lo && value <= hi) {
        return (int) value;
      }
    }
    return first;
  }

  /** A standard normal draw (Box-Muller), from SplittableRandom, which has no nextGaussian. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble(); // (0, 1]: log(u) is finite
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  @Override
  public String toString() {
    return switch (shape) {
      case FIXED -> Integer.toString(first);
      case UNIFORM -> first + ":" + second;
      case NORMAL -> first + "~" + second;
    };
  }

  /**
   * Parses the value of {@code -Dproperty} as {@link #parse(RawValue, String, int)} does, for
   * properties read outside this package (the simulator's {@code sim.reasoningTokens}).
   *
   * @throws ConfigException naming the property, the value and the accepted forms
   */
  public static LengthSpec parse(String text, String property, int maxTokens) {
    return parse(new RawValue(text, "-D" + property), property, maxTokens);
  }

  /**
   * Parses the value of a length property; every value must be from 1 to {@code maxTokens} (a
   * standard deviation from 0), and a draw can never exceed it.
   */
  static LengthSpec parse(RawValue raw, String property, int maxTokens) {
    Matcher m = FORM.matcher(raw.text().strip());
    if (!m.matches()) {
      throw Values.invalid(property, raw, GRAMMAR);
    }
    String bounds = GRAMMAR + ", lengths from 1 to " + maxTokens;
    try {
      long a = Long.parseLong(m.group(1).replace("_", ""));
      long b = m.group(3) == null ? 0 : Long.parseLong(m.group(3).replace("_", ""));
      if (a < 1 || a > maxTokens || b > maxTokens) {
        throw Values.invalid(property, raw, bounds);
      }
      LengthSpec spec;
      if (m.group(2) == null) {
        spec = fixed((int) a);
      } else if (m.group(2).equals(":")) {
        if (b < a) {
          throw Values.invalid(property, raw, GRAMMAR + " with min <= max");
        }
        spec = uniform((int) a, (int) b);
      } else {
        spec = normal((int) a, (int) b);
      }
      if (spec.max() > maxTokens) {
        throw Values.invalid(
            property, raw, bounds + " (mean + 4 stddev at most " + maxTokens + ")");
      }
      return spec;
    } catch (NumberFormatException e) {
      throw Values.invalid(property, raw, bounds);
    }
  }
}
