package onlinebench.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** Builds a {@link ScheduledStart}: a wait until a time a shared source hands out. */
final class ScheduledStartBuilder implements io.gatling.javaapi.core.ActionBuilder {
  private final String name;
  private final Supplier<OptionalLong> dueNanos;
  private final String attribute;

  ScheduledStartBuilder(String name, Supplier<OptionalLong> dueNanos, String attribute) {
    this.name = name;
    this.dueNanos = dueNanos;
    this.attribute = attribute;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return new ScheduledStart(name, dueNanos, attribute, next);
      }
    };
  }
}
