package onlinebench.config;

/**
 * What {@code -Dsearch} asks for: the load to vary, and where and how finely to look for the
 * highest level that meets every {@code -Dslo} clause.
 *
 * @param dimension concurrency (closed model) or request rate (open model)
 * @param min the first level tried, and the lowest
 * @param max the highest level tried: a level that passes here ends the bracketing
 * @param precision the search ends once the highest passing and the lowest failing level are at
 *     most this far apart (users, or requests per second)
 */
public record SearchSpec(Dimension dimension, double min, double max, double precision) {

  /** What a search varies. */
  public enum Dimension {
    /** Users sending back to back; whole numbers. */
    CONCURRENCY("concurrency"),
    /** Requests per second on the arrival schedule. */
    RATE("rate");

    private final String word;

    Dimension(String word) {
      this.word = word;
    }

    /** As in {@code -Dsearch}: {@code concurrency} or {@code rate}. */
    public String word() {
      return word;
    }
  }

  public SearchSpec {
    if (!(min > 0 && max >= min && precision > 0)) {
      throw new IllegalArgumentException(
          "a search needs 0 < min <= max and precision > 0, got "
              + min
              + ", "
              + max
              + ", "
              + precision);
    }
  }

  /** True when levels are whole numbers (concurrency). */
  public boolean whole() {
    return dimension == Dimension.CONCURRENCY;
  }
}
