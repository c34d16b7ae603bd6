package onlinebench.load;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import onlinebench.record.LoadEvents;

/**
 * Hands the open model's requests to the users of the pool, one ticket each: the intended send time
 * ({@link System#nanoTime()} base) of the next request of the {@link ArrivalSchedule}, until the
 * request count or the duration is spent. The schedule's zero is the first take, made when the
 * measured phase begins. Thread-safe.
 */
public final class ArrivalTickets implements Arrivals {
  /**
   * A ticket taken later than this after its intended time means no user was idle. Users take their
   * next ticket as soon as their request ends; an idle user already holds a future ticket.
   */
  static final long LATE_NANOS = 1_000_000;

  private final ArrivalSchedule schedule;
  private final long maxRequests;
  private final long durationNanos;
  private final LoadEvents events;
  private final LongSupplier clock;
  private long origin;
  private boolean started;
  private boolean spent;
  private long taken;

  /**
   * @param maxRequests how many tickets at most (Long.MAX_VALUE when duration-bounded)
   * @param duration no ticket is intended at or after this time from the first take, nor taken
   *     after it; empty for a count-bounded run
   */
  public ArrivalTickets(
      ArrivalSchedule schedule,
      long maxRequests,
      Optional<Duration> duration,
      LoadEvents events,
      LongSupplier clock) {
    this.schedule = schedule;
    this.maxRequests = maxRequests;
    this.durationNanos = duration.map(Duration::toNanos).orElse(Long.MAX_VALUE);
    this.events = events;
    this.clock = clock;
  }

  /** The intended send time of the next request, or empty once the run's requests are spent. */
  @Override
  public synchronized OptionalLong take() {
    long now = clock.getAsLong();
    if (!started) {
      started = true;
      origin = now;
      if (durationNanos != Long.MAX_VALUE) {
        events.deadline(origin + durationNanos);
      }
    }
    if (spent || taken >= maxRequests || now - origin >= durationNanos) {
      spent = true;
      return OptionalLong.empty();
    }
    long offset = schedule.nextOffsetNanos();
    if (offset >= durationNanos) {
      spent = true;
      return OptionalLong.empty();
    }
    taken++;
    long intended = origin + offset;
    if (now - intended > LATE_NANOS) {
      events.ticketTakenLate();
    }
    return OptionalLong.of(intended);
  }
}
