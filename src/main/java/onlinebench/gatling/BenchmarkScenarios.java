package onlinebench.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
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

  /** How often an open-model search step's users look whether all are ready to measure. */
  private static final Duration READY_POLL = Duration.ofMillis(5);

  /** Why a search's run ends before its last slot: Gatling prints it. */
  private static final String SEARCH_OVER =
      "the search is over, its remaining step slots are not needed";

  private final BenchmarkPlan plan;

  BenchmarkScenarios(BenchmarkPlan plan) {
    this.plan = plan;
  }

  /** Every population, chained in the order they run: give it to {@code setUp}. */
  public PopulationBuilder populations() {
    PopulationBuilder measured =
        plan.search().isPresent() ? searchSteps(plan.search().get()) : levels();
    return plan.selfWarmup().map(self -> selfWarmup(self).andThen(measured)).orElse(measured);
  }

  /** The measured levels, chained: one, or a sweep's in order. */
  private PopulationBuilder levels() {
    List<? extends BenchmarkPlan.Level> levels = plan.levels();
    PopulationBuilder chain = null;
    for (int i = levels.size() - 1; i >= 0; i--) {
      PopulationBuilder population =
          level(i, levels.get(i)).injectOpen(atOnceUsers(levels.get(i).users()));
      chain = chain == null ? population : population.andThen(chain);
    }
    return chain;
  }

  /**
   * The {@code -Dslo} gates Gatling's own stats can hold, as its assertions; none for a sweep or a
   * search, whose levels are judged one by one.
   */
  public List<Assertion> assertions() {
    return plan.levels().size() != 1
        ? List.of()
        : SloAssertions.of(REQUEST_NAME, plan.config().slo());
  }

  private static PopulationBuilder selfWarmup(BenchmarkPlan.SelfWarmupPlan self) {
    return scenario("self-warmup")
        .asLongAs(session -> self.nextRequest())
        .on(
            LlmDsl.feedDirectly(self.prompts())
                .exec(
                    LlmDsl.chat("self-warmup")
                        .asBenchmark(self.config())
                        .warmup()
                        .recordTo(self.sink())))
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
    ChatRequestActionBuilder chat =
        LlmDsl.chat(sweep ? REQUEST_NAME + " level " + (index + 1) : REQUEST_NAME)
            .asBenchmark(level.config())
            .recordTo(level.sink())
            .watchedBy(plan.monitor());
    Optional<SessionWorkload> sessions = level.config().workload().sessions();
    if (sessions.isPresent()) {
      String system = plan.systemPrompt().orElse(null);
      chat =
          chat.conversationTurns(
              sessions.get().agent() ? new AgentTurn(system) : new ConversationTurn(system));
    }
    ScenarioBuilder scenario = scenario(sweep ? "level " + (index + 1) : "benchmark");
    // closed-model users start together: each opens its connection first (see OpenConnection);
    // open-model users start as their arrivals come, so their connects do not queue up
    boolean closed = level.load() instanceof MeasuredLoad.Closed;
    if (closed) {
      scenario = scenario.exec(OpenConnection.to(level.config()));
    }
    if (index == 0) {
      ChatRequestActionBuilder warmup =
          LlmDsl.chat(REQUEST_NAME)
              .asBenchmark(plan.config())
              .calibrate(plan.calibration())
              .warmup();
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
      // a ticket is a whole session of turns (a conversation, or an agent's task)
      request =
          new ConversationSessions(
                  new SessionDraws(
                      sessions.get().turns(),
                      sessions.get().agent()
                          ? sessions.get().toolTimeMillis()
                          : sessions.get().thinkTimeMillis(),
                      level.config().workload().seed()),
                  level.sink(),
                  level.load().stop(),
                  sessions.get().agent())
              .session(request);
    }
    return scenario.exec(LlmDsl.measured(level.load(), request));
  }

  /**
   * A search's step slots, chained: the scenario {@code step N}, its requests {@code chat step N}.
   * Every user of a slot first asks whether the step uses it; those it does share the step's warmup
   * requests. Closed model: the step's users open their connection first, then all, surplus
   * included, meet at the rendezvous (its count must be known before the run: the slot's whole
   * population), so the step's users start measuring together, and the surplus end there. Open
   * model: the surplus end at once, and the step's users poll until all of the slot have been
   * through, as the arrival schedule, not a common start, paces them.
   *
   * <p>Why slots and not an outer driver or lazily built chains: a Gatling run's populations are
   * fixed by {@code setUp}, and the next step's level is only known once the one before is judged.
   * Slots keep one Gatling run, one report and one JVM (an outer driver would pay the JVM start,
   * the preflight and the self-warmup per step: 15 to 30 s on the reference machine). The price:
   * Gatling starts an {@code andThen} population on its injector's next one-second tick (see
   * gatling/gatling {@code gatling-core/.../controller/inject/Injector.scala}: "children scenarios
   * will be started on next tick"), so each step waits up to a second, as a sweep's levels do; and
   * {@link BenchmarkPlan.SearchSlots#users()} virtual users per slot, most ending at the
   * rendezvous. Slots left once the search is over would cost that tick each (measured: a one-step
   * search took 33 s with 3 slots declared and 58 s with 27), so the first user of the slot after
   * the last step stops the load generator instead: no request is in flight then, so Gatling's stop
   * drops nothing.
   */
  private PopulationBuilder searchSteps(BenchmarkPlan.SearchSlots search) {
    PopulationBuilder chain = null;
    for (int i = search.slots() - 1; i >= 0; i--) {
      PopulationBuilder population = searchStep(i, search).injectOpen(atOnceUsers(search.users()));
      chain = chain == null ? population : population.andThen(chain);
    }
    return chain;
  }

  private ScenarioBuilder searchStep(int index, BenchmarkPlan.SearchSlots search) {
    BenchmarkPlan.SearchSlot slot = search.slot(index);
    ChatRequestActionBuilder chat =
        LlmDsl.chat(REQUEST_NAME + " step " + (index + 1))
            .asBenchmark(plan.config())
            .recordTo(slot.sink())
            .watchedBy(plan.monitor());
    // the first step's warmup answers teach the prompt calibration, as a single run's do
    ChatRequestActionBuilder warmup = LlmDsl.chat(REQUEST_NAME).asBenchmark(plan.config()).warmup();
    if (index == 0) {
      warmup = warmup.calibrate(plan.calibration());
    }
    ChainBuilder warmupLoop =
        CoreDsl.asLongAs(session -> slot.takeWarmupTicket())
            .on(LlmDsl.feedDirectly(plan.warmupPrompts()).exec(warmup));
    ScenarioBuilder scenario =
        scenario("step " + (index + 1))
            .exec(session -> session.set(SessionKeys.SEARCH_ADMITTED, slot.admit()))
            // nothing is in flight by now (the slot before has ended): the run can end at once
            .stopLoadGeneratorIf(SEARCH_OVER, session -> slot.searchOver());
    if (search.closed()) {
      scenario =
          scenario
              .doIf(session -> session.getBoolean(SessionKeys.SEARCH_ADMITTED))
              .then(CoreDsl.exec(OpenConnection.to(plan.config())).exec(warmupLoop))
              .rendezVous(search.users())
              .exitHereIf(session -> !session.getBoolean(SessionKeys.SEARCH_ADMITTED));
    } else {
      // the open model's slot holds the pool of the highest rate, up to thousands of users: they
      // leave at once, and the step's users wait until all have, so no burst of starting and
      // ending users overlaps the step's first requests (a rendezvous releases them all together)
      scenario =
          scenario
              .exitHereIf(session -> !session.getBoolean(SessionKeys.SEARCH_ADMITTED))
              .exec(warmupLoop)
              .exec(
                  session -> {
                    slot.warmedUp();
                    return session;
                  })
              .asLongAs(session -> !slot.readyToMeasure())
              .on(pause(READY_POLL));
    }
    return scenario.exec(
        LlmDsl.measured(slot.load(), LlmDsl.feedDirectly(plan.prompts()).exec(chat)));
  }
}
