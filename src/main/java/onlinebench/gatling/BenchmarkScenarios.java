package onlinebench.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import onlinebench.config.SessionWorkload;
import onlinebench.load.MeasuredLoad;
import onlinebench.load.SessionDraws;

/**
 * The built-in benchmark as Gatling populations, chained: the self-warmup's burst against the
 * harness's own loopback simulator, then each measured level in turn, each started when every user
 * of the one before is done (Gatling's {@code andThen}). The first level's users share the warmup
 * requests and wait for each other before measuring, and for the server-metrics sample that ends
 * the warmup when there is one. A sweep's level N is the scenario {@code level N} and its requests
 * the entry {@code chat level N}; a single level is {@code benchmark} and {@code chat}.
 */
public final class BenchmarkScenarios {
  /** The name of the measured requests in Gatling's report for a single-level run. */
  public static final String REQUEST_NAME = "chat";

  private static final Duration SETTLE_POLL = Duration.ofMillis(50);

  /**
   * Short: users leave the wait for the server-metrics baseline within this of each other, so an
   * open model's first arrivals do not find most of the pool still pausing.
   */
  private static final Duration BASELINE_POLL = Duration.ofMillis(5);

  private final BenchmarkPlan plan;

  BenchmarkScenarios(BenchmarkPlan plan) {
    this.plan = plan;
  }

  /** Every population, chained in the order they run: give it to {@code setUp}. */
  public PopulationBuilder populations() {
    List<? extends BenchmarkPlan.Level> levels = plan.levels();
    PopulationBuilder chain = null;
    for (int i = levels.size() - 1; i >= 0; i--) {
      PopulationBuilder population =
          level(i, levels.get(i)).injectOpen(atOnceUsers(levels.get(i).users()));
      chain = chain == null ? population : population.andThen(chain);
    }
    PopulationBuilder levelsChain = chain;
    return plan.selfWarmup().map(self -> selfWarmup(self).andThen(levelsChain)).orElse(levelsChain);
  }

  /**
   * The {@code -Dslo} gates Gatling's own stats can hold, as its assertions; none for a sweep,
   * whose levels are judged one by one in the sweep table.
   */
  public List<Assertion> assertions() {
    return plan.levels().size() > 1
        ? List.of()
        : SloAssertions.of(REQUEST_NAME, plan.config().slo());
  }

  private static PopulationBuilder selfWarmup(BenchmarkPlan.SelfWarmupPlan self) {
    return scenario("self-warmup")
        .asLongAs(session -> self.nextRequest())
        .on(
            LlmDsl.feedDirectly(self.prompts())
                .exec(LlmDsl.chat("self-warmup", self.config()).warmup().recordTo(self.sink())))
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

  private ScenarioBuilder level(int index, BenchmarkPlan.Level level) {
    boolean sweep = plan.levels().size() > 1;
    ChatActionBuilder chat =
        LlmDsl.chat(sweep ? REQUEST_NAME + " level " + (index + 1) : REQUEST_NAME, level.config())
            .recordTo(level.sink())
            .watchedBy(plan.monitor());
    Optional<SessionWorkload> sessions = level.config().workload().sessions();
    if (sessions.isPresent()) {
      chat = chat.conversationTurns(new ConversationTurn(plan.systemPrompt().orElse(null)));
    }
    ScenarioBuilder scenario = scenario(sweep ? "level " + (index + 1) : "benchmark");
    // closed-model users start together: each opens its connection first (see OpenConnection);
    // open-model users start as their arrivals come, so their connects do not queue up
    boolean closed = level.load() instanceof MeasuredLoad.Closed;
    if (closed) {
      scenario = scenario.exec(OpenConnection.to(level.config()));
    }
    if (index == 0) {
      ChatActionBuilder warmup =
          LlmDsl.chat(REQUEST_NAME, plan.config()).calibrate(plan.calibration()).warmup();
      scenario =
          scenario
              .asLongAs(session -> plan.takeWarmupTicket())
              .on(LlmDsl.feedDirectly(plan.warmupPrompts()).exec(warmup));
    }
    if (closed || index == 0) {
      scenario = scenario.rendezVous(level.users());
    }
    if (index == 0) {
      // every warmup answer is in: a sample of the server's metrics now is the measured phase's
      // baseline (pauses, never a blocked thread)
      scenario = scenario.asLongAs(session -> plan.holdBeforeMeasuring()).on(pause(BASELINE_POLL));
    }
    ChainBuilder request = LlmDsl.feedDirectly(plan.prompts()).exec(chat);
    if (sessions.isPresent()) {
      // a ticket is a whole session of turns
      request =
          new ConversationSessions(
                  new SessionDraws(
                      sessions.get().turns(),
                      sessions.get().thinkTimeMillis(),
                      level.config().workload().seed()),
                  level.sink(),
                  level.load().stop())
              .session(request);
    }
    return scenario.exec(LlmDsl.measured(level.load(), request));
  }
}
