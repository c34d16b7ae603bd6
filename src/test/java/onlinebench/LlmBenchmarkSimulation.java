package onlinebench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import onlinebench.gatling.ChatActionBuilder;
import onlinebench.gatling.GatlingRunFolder;
import onlinebench.gatling.LlmDsl;
import onlinebench.run.BenchmarkRun;

/**
 * The benchmark: {@code concurrency} users each send chat completions back to back until exactly
 * {@code totalRequests} have finished, after {@code warmupRequests} silent ones. Run it with {@code
 * ./mvnw gatling:test}; every parameter is a system property (see README).
 */
public class LlmBenchmarkSimulation extends Simulation {
  private final long startedAtMillis = System.currentTimeMillis();
  private final BenchmarkRun run = BenchmarkRun.startOrExit();
  private final ChatActionBuilder chat =
      LlmDsl.chat("chat", run.config()).recordTo(run.sink()).watchedBy(run.monitor());

  private final ScenarioBuilder warmup =
      scenario("warmup")
          .asLongAs(session -> run.warmupBudget().tryTake())
          .on(feed(run.prompts()).exec(chat.silent()));

  private final ScenarioBuilder benchmark =
      scenario("benchmark")
          .asLongAs(session -> run.measuredBudget().tryTake())
          .on(feed(run.prompts()).exec(chat));

  {
    int concurrency = run.config().concurrency();
    PopulationBuilder measured =
        benchmark.injectOpen(atOnceUsers(Math.min(concurrency, run.config().totalRequests())));
    int warmupUsers = Math.min(concurrency, run.config().warmupRequests());
    setUp(
            warmupUsers > 0
                ? warmup.injectOpen(atOnceUsers(warmupUsers)).andThen(measured)
                : measured)
        .protocols(http.shareConnections().disableWarmUp());
  }

  @Override
  public void before() {
    run.begin(() -> GatlingRunFolder.find(getClass(), startedAtMillis));
  }

  @Override
  public void after() {
    run.finish();
  }
}
