package onlinebench.metrics;

import java.util.List;

/**
 * How hard the harness itself worked during the measured phase, and whether that bounded the
 * figures: {@link Verdict#SATURATED} when some check had enough evidence and failed, {@link
 * Verdict#TOO_SHORT_TO_JUDGE} when none failed but the event-loop check had too few samples to
 * clear the harness, {@link Verdict#NOT_A_LIMIT} otherwise.
 *
 * @param eventLoopLagP99Ms p99 of how late the client's event loops ran a task that was due
 * @param eventLoopLagMaxMs the worst such delay
 * @param lagSamples how many probe tasks ran; fewer than {@link #MIN_LAG_SAMPLES} judge nothing
 * @param turnaroundP99Ms p99 of a user's time from an answer to its next send
 * @param cpuShare process CPU time over wall time × cores (0–1); includes the built-in simulator
 *     when it runs in the same process
 * @param cores the cores the process could use
 * @param saturationReasons why the harness was a limit; empty when it was not
 */
public record HarnessCheck(
    double eventLoopLagP99Ms,
    double eventLoopLagMaxMs,
    long lagSamples,
    double turnaroundP99Ms,
    double cpuShare,
    int cores,
    List<String> saturationReasons) {

  /**
   * The fewest event-loop probe samples a verdict is drawn from. A p99 of fewer than 100 samples is
   * their maximum: one pause of a run's first second (the JIT compiling what the run just started
   * calling, a collection) would be the verdict. The probe takes one sample per event loop every 50
   * ms, so this is 2.5 s of a run on two event loops.
   */
  public static final long MIN_LAG_SAMPLES = 100;

  /** Whether the harness bounded the figures, as summary.json's {@code harness.verdict} says. */
  public enum Verdict {
    /** Some check had enough evidence and failed: the figures are bounded by the client. */
    SATURATED,
    /** Every check had enough evidence and passed. */
    NOT_A_LIMIT,
    /** Nothing failed, but the measured phase was too short to clear the harness. */
    TOO_SHORT_TO_JUDGE;

    /** The JSON value: {@code saturated}, {@code not_a_limit}, {@code too_short_to_judge}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public HarnessCheck {
    saturationReasons = List.copyOf(saturationReasons);
  }

  /** True when the figures were bounded by the client, not the server. */
  public boolean saturated() {
    return !saturationReasons.isEmpty();
  }

  /** Saturated, not a limit, or too short to judge. */
  public Verdict verdict() {
    if (saturated()) {
      return Verdict.SATURATED;
    }
    return lagSamples < MIN_LAG_SAMPLES ? Verdict.TOO_SHORT_TO_JUDGE : Verdict.NOT_A_LIMIT;
  }
}
