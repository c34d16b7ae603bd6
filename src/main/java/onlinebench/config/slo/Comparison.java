package onlinebench.config.slo;

/** The comparison of one clause: the measured value must be below, or above, the threshold. */
public enum Comparison {
  LT("<"),
  LTE("<="),
  GT(">"),
  GTE(">=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  /** How the clause writes it, e.g. {@code <=}. */
  public String symbol() {
    return symbol;
  }

  /** True for {@code <} and {@code <=}: lower is better. */
  public boolean upperBound() {
    return this == LT || this == LTE;
  }

  /** Whether {@code measured} meets {@code threshold} under this comparison. */
  public boolean holds(double measured, double threshold) {
    return switch (this) {
      case LT -> measured < threshold;
      case LTE -> measured <= threshold;
      case GT -> measured > threshold;
      case GTE -> measured >= threshold;
    };
  }
}
