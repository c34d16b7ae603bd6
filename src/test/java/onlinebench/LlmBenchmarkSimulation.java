package onlinebench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import onlinebench.gatling.ChatActionBuilder;
import onlinebench.gatling.GatlingRunFolder;
import onlinebench.gatling.LlmDsl;
import onlinebench.gatling.SloAssertions;
import onlinebench.run.BenchmarkRun;
import onlinebench.run.MeasuredLevel;
import onlinebench.run.SelfWarmup;

/**
 * The benchmark: a burst against a loopback simulator of the harness's own brings its code to
 * compiled speed (see {@link SelfWarmup}); then the first level's users share {@code
 * warmupRequests} silent warmup requests, wait for each other, then send measured chat completions
 * as the load model says — back to back (closed model) or on an arrival schedule (open model,
 * {@code -DrequestRate}) — until {@code totalRequests} or {@code duration} is spent. A sweep runs
 * one such level after another. Run it with {@code ./mvnw gatling:test}; every parameter is a
 * system property (see docs/parameters.md).
 */
public class LlmBenchmarkSimulation extends Simulation {
  private static final Duration SETTLE_POLL = Duration.ofMillis(50);

  private final long startedAtMillis = System.currentTimeMillis();
  private final BenchmarkRun run = BenchmarkRun.startOrExit();
  private final ChatActionBuilder warmup =
      LlmDsl.chat("chat", run.config()).calibrate(run.calibration()).warmup();

  private PopulationBuilder selfWarmup() {
    SelfWarmup self = run.selfWarmup();
    return scenario("self-warmup")
        .asLongAs(session -> self.nextRequest())
        .on(
            LlmDsl.feedDirectly(self.prompts())
                .exec(LlmDsl.chat("self-warmup", self.config()).warmup()))
        .exec(
            session -> {
              self.userDone();
              return session;
            })
        // every user waits for the others and for the JIT to finish what the burst made hot
        .asLongAs(session -> self.settling())
        .on(pause(SETTLE_POLL))
        .injectOpen(atOnceUsers(self.users()));
  }

  private ScenarioBuilder level(int index, MeasuredLevel level) {
    boolean sweep = run.levels().size() > 1;
    ChatActionBuilder chat =
        LlmDsl.chat(sweep ? "chat level " + (index + 1) : "chat", level.config())
            .recordTo(level.sink())
            .watchedBy(run.monitor());
    ScenarioBuilder scenario = scenario(sweep ? "level " + (index + 1) : "benchmark");
    if (index == 0) {
      scenario =
          scenario
              .asLongAs(session -> run.warmupBudget().tryTake())
              .on(LlmDsl.feedDirectly(run.warmupPrompts()).exec(warmup))
              .rendezVous(level.users());
    }
    return scenario.exec(
        LlmDsl.measured(level.load(), LlmDsl.feedDirectly(run.prompts()).exec(chat)));
  }

  {
    List<MeasuredLevel> levels = run.levels();
    // each level starts when every user of the previous one is done
    PopulationBuilder chain = null;
    for (int i = levels.size() - 1; i >= 0; i--) {
      PopulationBuilder population =
          level(i, levels.get(i)).injectOpen(atOnceUsers(levels.get(i).users()));
      chain = chain == null ? population : population.andThen(chain);
    }
    setUp(selfWarmup().andThen(chain))
        .protocols(http.shareConnections().disableWarmUp())
        .assertions(levels.size() > 1 ? List.of() : SloAssertions.of("chat", run.config().slo()));
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
