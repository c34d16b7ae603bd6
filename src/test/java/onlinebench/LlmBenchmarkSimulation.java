package onlinebench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import onlinebench.gatling.ChatActionBuilder;
import onlinebench.gatling.GatlingRunFolder;
import onlinebench.gatling.LlmDsl;
import onlinebench.gatling.SloAssertions;
import onlinebench.run.BenchmarkRun;

/**
 * The benchmark: {@code concurrency} users share {@code warmupRequests} silent warmup requests,
 * wait for each other, then each send chat completions back to back until exactly {@code
 * totalRequests} measured ones have been sent. Run it with {@code ./mvnw gatling:test}; every
 * parameter is a system property (see README).
 */
public class LlmBenchmarkSimulation extends Simulation {
  private final long startedAtMillis = System.currentTimeMillis();
  private final BenchmarkRun run = BenchmarkRun.startOrExit();
  private final ChatActionBuilder chat =
      LlmDsl.chat("chat", run.config())
          .recordTo(run.sink())
          .watchedBy(run.monitor())
          .calibrate(run.calibration());

  private final ScenarioBuilder benchmark =
      scenario("benchmark")
          .asLongAs(session -> run.warmupBudget().tryTake())
          .on(LlmDsl.feedDirectly(run.warmupPrompts()).exec(chat.warmup()))
          .rendezVous(run.users())
          .asLongAs(session -> run.measuredBudget().tryTake())
          .on(LlmDsl.feedDirectly(run.prompts()).exec(chat));

  {
    setUp(benchmark.injectOpen(atOnceUsers(run.users())))
        .protocols(http.shareConnections().disableWarmUp())
        .assertions(SloAssertions.of("chat", run.config().slo()));
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
