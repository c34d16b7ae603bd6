package onlinebench.search;

import java.util.Optional;

/**
 * One level a search ran, and its verdict.
 *
 * @param level the concurrency or request rate
 * @param phase why the level was chosen
 * @param passed true when it met every SLO clause
 * @param whyFailed what it missed, e.g. {@code p99_tpot_ms<25 measured 26.1}; empty when it passed
 */
public record SearchStep(double level, Phase phase, boolean passed, Optional<String> whyFailed) {

  /** Why a step's level was chosen. */
  public enum Phase {
    /** Doubling from searchMin until a level fails or searchMax is reached. */
    BRACKET,
    /** Halving the gap between the highest passing and the lowest failing level. */
    BISECT,
    /** The highest passing level, run once more before it is reported. */
    RECHECK;

    /** As written in search.json and search.csv. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
