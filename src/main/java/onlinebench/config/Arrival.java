package onlinebench.config;

import java.util.Locale;

/** How the open model spaces its requests in time (vLLM's {@code --burstiness} semantics). */
public enum Arrival {
  /** Exponential gaps: a Poisson process, vLLM's default. */
  POISSON,
  /** Every gap exactly 1 / rate. */
  CONSTANT,
  /** Gamma gaps of shape {@code burstiness} and mean 1 / rate: below 1 burstier than Poisson. */
  GAMMA;

  /** The spelling users type and reports show: {@code poisson}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
