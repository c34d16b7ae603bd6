package onlinebench.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import java.util.OptionalLong;
import java.util.function.Supplier;
import onlinebench.load.StopSignal;

/**
 * Builds a {@link ScheduledStart}: a wait until a time a shared source hands out, cut short when
 * the run is stopped early.
 */
final class ScheduledStartBuilder implements io.gatling.javaapi.core.ActionBuilder {
  private final String name;
  private final Supplier<OptionalLong> dueNanos;
  private final String attribute;
  private final StopSignal stop;

  ScheduledStartBuilder(
      String name, Supplier<OptionalLong> dueNanos, String attribute, StopSignal stop) {
    this.name = name;
    this.dueNanos = dueNanos;
    this.attribute = attribute;
    this.stop = stop;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return new ScheduledStart(name, dueNanos, attribute, stop, next);
      }
    };
  }
}
