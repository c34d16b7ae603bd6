package onlinebench.metrics;

import java.time.Instant;

/**
 * Ties {@link System#nanoTime()}, which only measures intervals, to the wall clock, once per run:
 * every instant of the run converts with the same offset, so intervals stay exact, while runs on
 * different machines (NTP-synced) can be put on one time line.
 *
 * @param epochNanos the wall-clock time, in nanoseconds since the epoch, at {@code nanoTime}
 * @param nanoTime {@link System#nanoTime()} at that moment
 */
public record ClockAnchor(long epochNanos, long nanoTime) {

  /** Anchors now. */
  public static ClockAnchor now() {
    long nanos = System.nanoTime();
    Instant wall = Instant.now();
    return new ClockAnchor(wall.getEpochSecond() * 1_000_000_000L + wall.getNano(), nanos);
  }

  /** The wall-clock time of a {@link System#nanoTime()} reading, in epoch nanoseconds. */
  public long toEpochNanos(long nanoTimeReading) {
    return epochNanos + (nanoTimeReading - nanoTime);
  }
}
