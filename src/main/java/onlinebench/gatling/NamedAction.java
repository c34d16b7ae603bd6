package onlinebench.gatling;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;

/**
 * A Gatling {@link Action} written in Java: its name, and the logger Gatling's Scala trait asks
 * for, whose initialiser Java never runs, answered once here for every action of ours.
 */
abstract class NamedAction implements Action {
  private final String name;
  private final Logger logger;

  NamedAction(String name) {
    this.name = name;
    this.logger = Logger.apply(getClass());
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Logger logger() {
    return logger;
  }

  @Override
  public final void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
    // Scala's trait initialiser is never run from Java; the logger is the field above
  }
}
