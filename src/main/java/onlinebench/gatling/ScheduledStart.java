package onlinebench.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.ActionBuilder;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import onlinebench.load.StopSignal;

/**
 * Holds a virtual user until a due time, then moves it on with that time in the session under
 * {@code attribute}; when no time is due (the run's requests are spent) it moves on at once without
 * the attribute, which ends the user's loop.
 *
 * <p>It waits on the user's own event loop with a nanosecond deadline, not with Gatling's {@code
 * pause}: that one is millisecond-grained (up to 1 ms early by truncation) and subtracts the
 * previous pause's lateness from the next, which against an absolute schedule would send early.
 * What remains is the event loop's timer resolution and load (the send lag, reported).
 *
 * <p>When the run may be stopped early, a user whose time is further off than {@link
 * #STOP_CHECK_NANOS} waits in steps of that length and looks at the stop signal after each: an
 * open-model pool holds tickets up to pool ÷ rate ahead (minutes at a low rate), and a stopped run
 * must not wait for them. The last step still ends at the due time exactly.
 */
final class ScheduledStart extends NamedAction {

  private final Supplier<OptionalLong> dueNanos;

  /**
   * How often a waiting user of a run that may stop early looks at the signal. Each look is one
   * timer task on its event loop: at most one per waiting user per second.
   */
  static final long STOP_CHECK_NANOS = 1_000_000_000L;

  private final String attribute;
  private final StopSignal stop;
  private final Action next;

  ScheduledStart(
      String name,
      Supplier<OptionalLong> dueNanos,
      String attribute,
      StopSignal stop,
      Action next) {
    super(name);
    this.dueNanos = dueNanos;
    this.attribute = attribute;
    this.stop = stop;
    this.next = next;
  }

  /** Holds each user until the next time {@code dueNanos} hands out; see the class comment. */
  static ActionBuilder until(
      String name, Supplier<OptionalLong> dueNanos, String attribute, StopSignal stop) {
    return ActionBuilders.of(
        (ctx, next) -> new ScheduledStart(name, dueNanos, attribute, stop, next));
  }

  @Override
  public void execute(Session session) {
    OptionalLong due = dueNanos.get();
    if (due.isEmpty()) {
      next.$bang(session.remove(attribute));
      return;
    }
    await(session.set(attribute, due.getAsLong()), due.getAsLong());
  }

  private void await(Session scheduled, long due) {
    if (stop.stopped()) {
      next.$bang(scheduled.remove(attribute));
      return;
    }
    long wait = due - System.nanoTime();
    if (wait <= 0) {
      next.$bang(scheduled);
    } else if (!stop.isArmed() || wait <= STOP_CHECK_NANOS) {
      scheduled.eventLoop().schedule(() -> next.$bang(scheduled), wait, TimeUnit.NANOSECONDS);
    } else {
      scheduled
          .eventLoop()
          .schedule(() -> await(scheduled, due), STOP_CHECK_NANOS, TimeUnit.NANOSECONDS);
    }
  }
}
