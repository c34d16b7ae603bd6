package onlinebench.load;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import onlinebench.config.LengthSpec;
import onlinebench.prompt.RequestDraws;

/**
 * What each session of a session workload draws: its number of turns ({@code -Dturns}) and the
 * think time before each later turn ({@code -DthinkTime}), from the run's seed, the session's
 * sequence number and the turn, so the same seed gives the same sessions. Thread-safe: users on
 * every event loop start sessions at once.
 */
public final class SessionDraws {
  private static final long TURNS_STREAM = 0x7A3F1C2B5D4E6F81L;
  private static final long THINK_STREAM = 0x1B873593CC9E2D51L;

  private final LengthSpec turns;
  private final Optional<LengthSpec> thinkTimeMillis;
  private final long seed;
  private final AtomicLong sessions = new AtomicLong();

  /**
   * @param thinkTimeMillis milliseconds between an answer and the next turn; empty for none
   */
  public SessionDraws(LengthSpec turns, Optional<LengthSpec> thinkTimeMillis, long seed) {
    this.turns = turns;
    this.thinkTimeMillis = thinkTimeMillis;
    this.seed = seed;
  }

  /** The next session's sequence number, from 0. */
  public long nextSession() {
    return sessions.getAndIncrement();
  }

  /** How many turns session {@code session} holds, at least 1. */
  public int turns(long session) {
    return turns.sample(RequestDraws.random(seed, session, TURNS_STREAM));
  }

  /** Whether sessions pause between turns at all. */
  public boolean thinks() {
    return thinkTimeMillis.isPresent();
  }

  /** The pause after turn {@code turn} (from 1) of session {@code session}; zero without one. */
  public Duration thinkTime(long session, int turn) {
    return thinkTimeMillis
        .map(
            t ->
                Duration.ofMillis(
                    t.sample(RequestDraws.random(seed, session, THINK_STREAM + turn))))
        .orElse(Duration.ZERO);
  }
}
