package onlinebench.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import java.util.function.BiFunction;

/**
 * Turns "given the scenario's context and the next action, make our action" into the builder
 * Gatling's Java DSL takes, so each of our actions needs no builder class of its own.
 */
final class ActionBuilders {
  private ActionBuilders() {}

  static io.gatling.javaapi.core.ActionBuilder of(
      BiFunction<ScenarioContext, Action, Action> build) {
    io.gatling.core.action.builder.ActionBuilder scala =
        new io.gatling.core.action.builder.ActionBuilder() {
          @Override
          public Action build(ScenarioContext ctx, Action next) {
            return build.apply(ctx, next);
          }
        };
    return () -> scala;
  }
}
