package onlinebench.load;

import java.util.concurrent.atomic.AtomicLong;
import onlinebench.config.LengthSpec;
import onlinebench.prompt.RequestDraws;

/**
 * How many turns each session of a session workload holds, drawn from {@code -Dturns} with the
 * run's seed and the session's sequence number, so the same seed gives the same sessions.
 * Thread-safe: users on every event loop start sessions at once.
 */
public final class SessionTurns {
  private static final long TURNS_STREAM = 0x7A3F1C2B5D4E6F81L;

  private final LengthSpec turns;
  private final long seed;
  private final AtomicLong sessions = new AtomicLong();

  public SessionTurns(LengthSpec turns, long seed) {
    this.turns = turns;
    this.seed = seed;
  }

  /** The next session's number of turns, at least 1. */
  public int next() {
    return turns.sample(RequestDraws.random(seed, sessions.getAndIncrement(), TURNS_STREAM));
  }
}
