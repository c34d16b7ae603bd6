package onlinebench.config.slo;

/** A clause of {@code -Dslo} that does not follow the grammar ({@link SloSet#GRAMMAR}). */
public final class SloSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String clause;
  private final String reason;

  SloSyntaxException(String clause, String reason) {
    super("clause \"" + clause + "\": " + reason);
    this.clause = clause;
    this.reason = reason;
  }

  /** The offending clause, as written. */
  public String clause() {
    return clause;
  }

  /** What is wrong with it, e.g. {@code a duration needs a unit}. */
  public String reason() {
    return reason;
  }

  /**
   * The start of the one line a user is shown: which clause is wrong, why, and the grammar; the
   * caller adds what was given and where it came from.
   */
  public String malformedClause() {
    return "slo has a malformed clause \""
        + clause
        + "\" ("
        + reason
        + "); accepted: "
        + SloSet.GRAMMAR;
  }
}
