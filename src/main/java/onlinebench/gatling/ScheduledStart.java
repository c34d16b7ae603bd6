package onlinebench.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Holds a virtual user until a due time, then moves it on with that time in the session under
 * {@code attribute}; when no time is due (the run's requests are spent) it moves on at once without
 * the attribute, which ends the user's loop.
 *
 * <p>It waits on the user's own event loop with a nanosecond deadline, not with Gatling's {@code
 * pause}: that one is millisecond-grained (up to 1 ms early by truncation) and subtracts the
 * previous pause's lateness from the next, which against an absolute schedule would send early.
 * What remains is the event loop's timer resolution and load (the send lag, reported).
 */
final class ScheduledStart implements Action {
  private static final Logger LOGGER = Logger.apply(ScheduledStart.class);

  private final String name;
  private final Supplier<OptionalLong> dueNanos;
  private final String attribute;
  private final Action next;

  ScheduledStart(String name, Supplier<OptionalLong> dueNanos, String attribute, Action next) {
    this.name = name;
    this.dueNanos = dueNanos;
    this.attribute = attribute;
    this.next = next;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void execute(Session session) {
    OptionalLong due = dueNanos.get();
    if (due.isEmpty()) {
      next.$bang(session.remove(attribute));
      return;
    }
    Session scheduled = session.set(attribute, due.getAsLong());
    long wait = due.getAsLong() - System.nanoTime();
    if (wait <= 0) {
      next.$bang(scheduled);
    } else {
      session.eventLoop().schedule(() -> next.$bang(scheduled), wait, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public Logger logger() {
    return LOGGER;
  }

  @Override
  public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
    // Scala's trait initialiser is never run from Java; the logger is the static one above
  }
}
