package onlinebench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import onlinebench.config.BenchConfig;
import onlinebench.config.SearchSpec;
import onlinebench.gatling.BenchmarkPlan;
import onlinebench.load.StopSignal;
import onlinebench.load.UserPool;
import onlinebench.metrics.Summary;
import onlinebench.report.SearchStepResult;
import onlinebench.search.LoadSearch;
import onlinebench.search.SearchStep;
import onlinebench.search.StepVerdict;

/**
 * A search for the highest load that meets the SLO ({@code -Dsearch}), as the run drives it: the
 * {@link LoadSearch} decides, this class runs its steps in the slots Gatling declared. A step
 * starts when the first user reaches its slot: by then every user of the slot before has ended
 * (Gatling's {@code andThen}), so the step before is judged on complete figures, then the search
 * names this step's level, and a fresh {@link MeasuredLevel} (own recorder, tickets, error window
 * and stop signal) measures it. Thread-safe: steps start one at a time.
 */
final class SearchRun implements BenchmarkPlan.SearchSlots {
  private final BenchConfig config;
  private final SearchSpec spec;
  private final LoadSearch search;
  private final BiFunction<BenchConfig, StopSignal, MeasuredLevel> levels;
  private final Consumer<String> notices;
  private final List<SearchSlot> slots;
  private final int users;
  private final List<SearchStepResult> judged = new ArrayList<>();
  private final List<MeasuredLevel> started = new ArrayList<>();
  private Running running;

  /** The step measuring now, not yet judged. */
  private record Running(int number, SearchStep.Phase phase, MeasuredLevel level) {}

  /**
   * @param levels makes a step's measured level from its configuration and its own stop signal
   * @param notices told which step starts, and its verdict
   */
  SearchRun(
      BenchConfig config,
      SearchSpec spec,
      BiFunction<BenchConfig, StopSignal, MeasuredLevel> levels,
      Consumer<String> notices) {
    this.config = config;
    this.spec = spec;
    this.search = new LoadSearch(spec);
    this.levels = levels;
    this.notices = notices;
    this.users = usersAt(config, spec, spec.max());
    List<SearchSlot> all = new ArrayList<>();
    for (int i = 0; i < LoadSearch.maxSteps(spec); i++) {
      all.add(
          new SearchSlot(
              this,
              closed(),
              config.stopOnErrors().isPresent() ? StopSignal.armed() : StopSignal.never(),
              users));
    }
    this.slots = List.copyOf(all);
  }

  /**
   * The users a level needs, as its {@link MeasuredLevel} will size them: the concurrency (never
   * more than the step's requests), or the open model's pool at that rate.
   */
  static int usersAt(BenchConfig config, SearchSpec spec, double level) {
    if (spec.whole()) {
      long requests =
          config.load().duration().isPresent() ? Long.MAX_VALUE : config.totalRequests();
      return (int) Math.min((long) level, requests);
    }
    return UserPool.of(config.withRequestRate(level));
  }

  @Override
  public int slots() {
    return slots.size();
  }

  @Override
  public int users() {
    return users;
  }

  @Override
  public boolean closed() {
    return spec.whole();
  }

  @Override
  public SearchSlot slot(int index) {
    return slots.get(index);
  }

  /**
   * Judges the step before, and starts the next one the search names.
   *
   * @param stop the slot's stop signal, given when the new step's error window trips
   * @return the new step's level, and whether its users warm up first (its level differs from the
   *     step before's); empty once the search is over
   */
  synchronized Optional<Step> startStep(StopSignal stop) {
    judgeRunning();
    OptionalDouble next = search.next();
    if (next.isEmpty()) {
      return Optional.empty();
    }
    double value = next.getAsDouble();
    BenchConfig level =
        spec.whole() ? config.withConcurrency((int) value) : config.withRequestRate(value);
    boolean warmup = judged.isEmpty() || judged.get(judged.size() - 1).step().level() != value;
    SearchStep.Phase phase = search.pendingPhase().orElseThrow();
    running = new Running(judged.size() + 1, phase, levels.apply(level, stop));
    started.add(running.level());
    notices.accept(
        String.format(
            Locale.ROOT,
            "Search step %d (%s): %s",
            running.number(),
            phase.word(),
            MeasuredLevel.name(level)));
    return Optional.of(new Step(running.level(), warmup));
  }

  /** A started step: its level, and whether it warms up first. */
  record Step(MeasuredLevel level, boolean warmup) {}

  /** Judges the step measuring now, if any; the run calls it once all users are done. */
  synchronized void judgeRunning() {
    if (running == null) {
      return;
    }
    MeasuredLevel level = running.level();
    Summary summary = level.recorder().summarize();
    StepVerdict verdict = StepVerdict.of(config.slo(), summary, level.stoppedEarly());
    search.record(verdict.passed(), verdict.whyLine());
    List<SearchStep> steps = search.steps();
    judged.add(
        new SearchStepResult(
            steps.get(steps.size() - 1), level.config(), summary, verdict, level.stoppedEarly()));
    notices.accept(
        String.format(
            Locale.ROOT,
            "Search step %d (%s): %s",
            running.number(),
            MeasuredLevel.name(level.config()),
            verdict.passed() ? "met the SLO" : "missed the SLO: " + verdict.whyLine()));
    running = null;
  }

  /** Every step judged so far, in the order run. */
  synchronized List<SearchStepResult> results() {
    return List.copyOf(judged);
  }

  /** Every step's level started so far, the one measuring now included. */
  synchronized List<MeasuredLevel> startedLevels() {
    return List.copyOf(started);
  }

  /** The step measuring now and its number (from 1); empty between steps. */
  synchronized Optional<MeasuredLevel> current() {
    return Optional.ofNullable(running).map(Running::level);
  }

  /** The number (from 1) of the step measuring now or last. */
  synchronized int currentNumber() {
    return running != null ? running.number() : judged.size();
  }

  /** The search itself: its spec, steps and boundary. */
  LoadSearch search() {
    return search;
  }
}
