package onlinebench.prompt;

import java.util.SplittableRandom;

/**
 * The random source of one request's draws (its words, its lengths): a function of the run's seed,
 * the request's sequence number and what is drawn, so the same seed gives the same prompts and
 * lengths whichever thread asks and in whatever order.
 */
public final class RequestDraws {
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private RequestDraws() {}

  /**
   * @param stream tells apart the draws of one request (0 for the prompt's words)
   */
  public static SplittableRandom random(long seed, long sequenceNumber, long stream) {
    return new SplittableRandom((seed * GOLDEN_GAMMA + sequenceNumber) ^ stream);
  }
}
