package onlinebench.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.gatling.BenchmarkPlan;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.metrics.Summary;
import onlinebench.prompt.PromptCalibration;
import onlinebench.prompt.PromptFeeder;
import onlinebench.servermetrics.ServerMetricsScraper;

/**
 * One benchmark run's life around Gatling, in the order it happens: {@link RunStartup} validates
 * the config, starts the built-in simulator when no server is named, probes the server and builds
 * the recorders, prompts and budgets; {@link LiveRun} shows progress while Gatling drives the users
 * and ends the run once, also when it is stopped early (Ctrl-C, SIGTERM, then marked partial);
 * {@link RunOutputs} writes the summary and files and picks the exit code. The Simulation only
 * wires these parts into Gatling.
 */
public final class BenchmarkRun implements BenchmarkPlan {
  private final StartedRun run;
  private final LiveRun live;

  private BenchmarkRun(StartedRun run, PrintStream out) {
    this.run = run;
    this.live = new LiveRun(run, new RunOutputs(run, out), out);
  }

  /**
   * Reads and validates the configuration, starts the built-in simulator when no apiBase is given,
   * and probes the server. Invalid input or a server the run cannot use ends the JVM with exit code
   * 1 after one line on stderr, before any load is sent.
   */
  public static BenchmarkRun startOrExit() {
    return new BenchmarkRun(RunStartup.startOrExit(), System.out);
  }

  /** What this load generator runs of the whole; see {@link RunStartup#shareLine}. */
  static String shareLine(BenchConfig config) {
    return RunStartup.shareLine(config);
  }

  /** The validated configuration, with the built-in simulator's address when it runs. */
  @Override
  public BenchConfig config() {
    return run.config();
  }

  /**
   * The measured phases in the order they run: one, or one per level of a sweep. Each has its own
   * sink (its recorder, and requests.jsonl if asked), load pacing and users.
   */
  @Override
  public List<MeasuredLevel> levels() {
    return run.levels();
  }

  /**
   * The search's step slots with {@code -Dsearch}: each step's level is decided when it starts,
   * from the verdicts of the steps before.
   */
  @Override
  public Optional<? extends BenchmarkPlan.SearchSlots> search() {
    return run.search();
  }

  /** Watches whether the harness itself bounds the figures. */
  @Override
  public HarnessMonitor monitor() {
    return run.monitor();
  }

  /**
   * The burst against a loopback simulator of the harness's own that runs before anything reaches
   * the target, so that the first measured request is timed by compiled code; empty when {@code
   * -DselfWarmup=false}.
   */
  @Override
  public Optional<BenchmarkPlan.SelfWarmupPlan> selfWarmup() {
    return run.selfWarmup().map(BenchmarkPlan.SelfWarmupPlan.class::cast);
  }

  /** The endless feeder of distinct measured prompts, sized by the calibration. */
  @Override
  public PromptFeeder prompts() {
    return run.prompts().measured();
  }

  /** The system message of a session workload's sessions, when it has one. */
  @Override
  public Optional<String> systemPrompt() {
    return run.prompts().systemPrompt();
  }

  /** The endless feeder of warmup prompts, sized by the tokenizer alone. */
  @Override
  public PromptFeeder warmupPrompts() {
    return run.prompts().warmup();
  }

  /** Learns from the warmup answers how the server counts prompt tokens. */
  @Override
  public PromptCalibration calibration() {
    return run.prompts().calibration();
  }

  /** One ticket per warmup request, shared by the first level's users. */
  @Override
  public boolean takeWarmupTicket() {
    return run.warmupBudget().tryTake();
  }

  /**
   * True until the server's metrics were sampled once after the warmup, when they are scraped and
   * the run has a warmup; see {@link ServerMetricsScraper#awaitingBaseline()}.
   */
  @Override
  public boolean holdBeforeMeasuring() {
    return run.config().warmupRequests() > 0
        && run.serverMetrics().map(ServerMetricsScraper::awaitingBaseline).orElse(false);
  }

  /** True when the target is the simulator this run started. */
  public boolean builtInSimulator() {
    return run.simulator().isPresent();
  }

  /**
   * Starts the live progress line, and arms the partial summary for a run stopped early; called
   * before Gatling starts the users.
   *
   * @param gatlingRunFolder finds Gatling's folder of this run, where the summary goes
   */
  public void begin(Supplier<Optional<Path>> gatlingRunFolder) {
    live.begin(gatlingRunFolder);
  }

  /**
   * Prints the summary and writes summary.json and summary.csv; called once all users are done.
   * When -DstopOnErrors stopped the run, the JVM will end with exit code {@link
   * RunOutputs#STOPPED_EARLY_EXIT_CODE}; else when an SLO gate failed, with {@link
   * RunOutputs#SLO_FAILED_EXIT_CODE}.
   */
  public Summary finish() {
    return live.finish();
  }
}
