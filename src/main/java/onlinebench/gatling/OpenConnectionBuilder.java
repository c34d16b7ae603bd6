package onlinebench.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import java.net.URI;
import onlinebench.config.BenchConfig;

/**
 * Builds an {@link OpenConnection} to the benchmark's server: a {@code GET /models} at its {@code
 * apiBase}, the cheapest request every OpenAI-compatible server answers (the preflight asks it
 * too), on the pool the chat requests use.
 */
final class OpenConnectionBuilder implements io.gatling.javaapi.core.ActionBuilder {
  private final BenchConfig config;

  OpenConnectionBuilder(BenchConfig config) {
    this.config = config;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return new OpenConnection(
            ChatTransport.of(ctx, config), URI.create(config.apiBase().get() + "/models"), next);
      }
    };
  }
}
