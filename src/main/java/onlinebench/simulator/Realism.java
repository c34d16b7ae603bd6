package onlinebench.simulator;

/**
 * The opt-in realism knobs of the timing model; all zero (the default) keeps the fixed model: ttft
 * to the first token, then one token every itl, whatever the load. The formulas are in {@link
 * TimingModel}.
 *
 * @param prefillTokensPerSec {@code sim.prefillTokensPerSec}: prompt tokens processed per second
 *     before the first token; 0 means prefill takes no time
 * @param batchSlowdown {@code sim.batchSlowdown}: how much each other decoding sequence stretches a
 *     sequence's token interval; 0 means none
 * @param maxSequences {@code sim.maxSequences}: sequences in prefill or decode at once, later ones
 *     wait first in, first out; 0 means unlimited
 * @param stopMeanTokens {@code sim.stopMeanTokens}: when N &gt; 0, each token may be the last with
 *     probability 1/N (EOS); 0 means every response runs to max_tokens
 * @param jitter {@code sim.jitter}: each delay is multiplied by a random factor in [1 - jitter, 1 +
 *     jitter]; 0 means none
 */
public record Realism(
    double prefillTokensPerSec,
    double batchSlowdown,
    int maxSequences,
    int stopMeanTokens,
    double jitter) {

  /** Upper bound of batchSlowdown: beyond it one extra sequence would stall the others. */
  static final double MAX_BATCH_SLOWDOWN = 1000;

  private static final Realism NONE = new Realism(0, 0, 0, 0, 0);

  public Realism {
    if (!(prefillTokensPerSec >= 0) || Double.isInfinite(prefillTokensPerSec)) {
      throw new IllegalArgumentException(
          "prefillTokensPerSec must be a finite number >= 0, got " + prefillTokensPerSec);
    }
    if (!(batchSlowdown >= 0 && batchSlowdown <= MAX_BATCH_SLOWDOWN)) {
      throw new IllegalArgumentException(
          "batchSlowdown must be between 0 and " + MAX_BATCH_SLOWDOWN + ", got " + batchSlowdown);
    }
    if (maxSequences < 0) {
      throw new IllegalArgumentException("maxSequences must be >= 0, got " + maxSequences);
    }
    if (stopMeanTokens < 0) {
      throw new IllegalArgumentException("stopMeanTokens must be >= 0, got " + stopMeanTokens);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
  }

  /** Every knob off: the fixed timing model. */
  public static Realism none() {
    return NONE;
  }

  public Realism withPrefillTokensPerSec(double value) {
    return new Realism(value, batchSlowdown, maxSequences, stopMeanTokens, jitter);
  }

  public Realism withBatchSlowdown(double value) {
    return new Realism(prefillTokensPerSec, value, maxSequences, stopMeanTokens, jitter);
  }

  public Realism withMaxSequences(int value) {
    return new Realism(prefillTokensPerSec, batchSlowdown, value, stopMeanTokens, jitter);
  }

  public Realism withStopMeanTokens(int value) {
    return new Realism(prefillTokensPerSec, batchSlowdown, maxSequences, value, jitter);
  }

  public Realism withJitter(double value) {
    return new Realism(prefillTokensPerSec, batchSlowdown, maxSequences, stopMeanTokens, value);
  }
}
