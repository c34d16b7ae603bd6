package onlinebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.ConfigException;
import onlinebench.config.Injector;
import onlinebench.config.MavenForkProperties;
import onlinebench.config.PropertyNames;
import onlinebench.gatling.GatlingRunFolder;
import onlinebench.metrics.ClockAnchor;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.metrics.ProgressSnapshot;
import onlinebench.metrics.RecorderState;
import onlinebench.metrics.RunRecorder;
import onlinebench.metrics.Summary;
import onlinebench.openai.Preflight;
import onlinebench.openai.PreflightException;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.GeneratedPrompts;
import onlinebench.prompt.PromptCalibration;
import onlinebench.prompt.PromptFeeder;
import onlinebench.prompt.PromptGenerator;
import onlinebench.prompt.PromptSizing;
import onlinebench.prompt.TokenCounter;
import onlinebench.report.ConsoleNotices;
import onlinebench.report.ConsoleSummary;
import onlinebench.report.FirstFailures;
import onlinebench.report.HistogramsFile;
import onlinebench.report.ProgressLine;
import onlinebench.report.ProgressPrinter;
import onlinebench.report.RequestLog;
import onlinebench.report.RunFacts;
import onlinebench.report.SummaryCsv;
import onlinebench.report.SummaryJson;
import onlinebench.report.SweepLevel;
import onlinebench.report.SweepReport;
import onlinebench.report.html.LlmHtmlReport;
import onlinebench.report.html.LlmReportData;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;

/**
 * One benchmark run's life around Gatling: validated config, the built-in simulator when no server
 * is named, a preflight probe, the recorder, prompts and request budgets, the live progress, and at
 * the end the summary on the console and in summary.json — also when the run is stopped early
 * (Ctrl-C, SIGTERM), then marked partial. The Simulation only wires these into Gatling.
 */
public final class BenchmarkRun {
  private static final java.time.Duration PREFLIGHT_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final BenchConfig config;
  private final Optional<SimulatorServer> simulator;
  private final SelfWarmup selfWarmup;

  /** The exit code of a run that missed an SLO, as Gatling's for failed assertions. */
  static final int SLO_FAILED_EXIT_CODE = 2;

  private final ConsoleNotices notices = new ConsoleNotices();
  private final HarnessMonitor monitor;
  private final Optional<RequestLog> requestLog;
  private final List<MeasuredLevel> levels;
  private final PromptCalibration calibration;
  private final GeneratedPrompts generated;
  private final PromptFeeder warmupPrompts;
  private final PromptFeeder prompts;
  private final boolean fromDataset;
  private final RequestBudget warmupBudget;
  private final PrintStream out;
  private final AtomicBoolean reported = new AtomicBoolean();
  private Supplier<Optional<Path>> runFolder = Optional::empty;

  /**
   * Whether a level's figures met every SLO clause (-Dslo), which names a sweep's highest passing
   * level. Empty: no SLOs were given.
   */
  private final Optional<Predicate<Summary>> slo;

  private ProgressPrinter progress;

  private BenchmarkRun(
      BenchConfig config,
      Optional<SimulatorServer> simulator,
      Optional<Supplier<ChatPrompt>> dataset,
      PrintStream out)
      throws IOException {
    this.config = config;
    this.simulator = simulator;
    this.selfWarmup = SelfWarmup.start(config, notices::add);
    this.out = out;
    this.slo =
        config.slo().isEmpty()
            ? Optional.empty()
            : Optional.of(summary -> config.slo().evaluate(summary).allPassed());
    this.monitor =
        new HarnessMonitor(config.harnessLimits().lagMs(), config.harnessLimits().cpuShare());
    // The log's offsets count from the first level's first send, so a sweep's lines follow on.
    AtomicReference<RunRecorder> origin = new AtomicReference<>();
    // Gatling names the run folder only once it runs; the log is moved there at the end.
    this.requestLog =
        config.requestLog()
            ? Optional.of(
                RequestLog.open(
                    GatlingRunFolder.resultsFolder()
                        .resolve(".requests-" + ProcessHandle.current().pid() + ".jsonl"),
                    () -> origin.get().firstStartNanos()))
            : Optional.empty();
    FirstFailures firstFailures = new FirstFailures(notices);
    // one anchor for the whole run, so its levels' wall-clock instants share one offset
    ClockAnchor clock = ClockAnchor.now();
    this.levels =
        config.levels().stream()
            .map(level -> new MeasuredLevel(level, requestLog, firstFailures, monitor, clock))
            .toList();
    origin.set(levels.get(0).recorder());
    TokenCounter tokens = TokenCounter.of(config.workload().tokenizer());
    long seed = config.workload().seed();
    this.calibration = new PromptCalibration(tokens);
    this.generated =
        new GeneratedPrompts(
            new PromptGenerator(tokens, seed, config.workload().sharedPrefixTokens()),
            config.promptTokens(),
            config.outputTokens(),
            seed,
            calibration,
            config.injector());
    // a dataset's prompts are sent as they are: no sizing, no calibration
    this.warmupPrompts = new PromptFeeder(dataset.orElse(generated::warmup));
    this.prompts = new PromptFeeder(dataset.orElse(generated::measured));
    this.fromDataset = dataset.isPresent();
    this.warmupBudget = new RequestBudget(config.injector().share(config.warmupRequests()));
  }

  /**
   * Gives back the system properties gatling-maven-plugin escaped on their way into this JVM
   * (quotes, backslashes, non-ASCII), reads and validates the configuration from them, starts the
   * built-in simulator when no apiBase is given, and probes the server. Invalid input or a server
   * the run cannot use ends the JVM with exit code 1 after one line on stderr, before any load is
   * sent.
   */
  public static BenchmarkRun startOrExit() {
    MavenForkProperties.restoreSystemProperties();
    PropertyNames.typoWarnings(System.getProperties().stringPropertyNames())
        .forEach(w -> System.err.println("Warning: " + w));
    BenchConfig config;
    Optional<SimulatorServer> simulator = Optional.empty();
    long preflightStart = System.nanoTime();
    try {
      config = BenchConfigParser.fromSystem();
      SecretLogFilter.install(config.apiKey());
      Optional<Supplier<ChatPrompt>> dataset = PromptSources.dataset(config, System.out);
      if (config.usesBuiltInSimulator()) {
        SimulatorServer server =
            SimulatorServer.start(SimulatorConfig.fromSystemProperties(System.getProperties(), 0));
        System.out.println(
            "No -DapiBase given: benchmarking the built-in simulator at " + server.baseUrl());
        simulator = Optional.of(server);
        config = config.withApiBase(server.baseUrl());
      }
      if (!config.injector().single()) {
        System.out.println(shareLine(config));
      }
      if (config.preflight()) {
        preflightStart = System.nanoTime();
        preflight(config);
      }
      return new BenchmarkRun(config, simulator, dataset, System.out);
    } catch (ConfigException | IllegalArgumentException e) {
      throw exit("Invalid configuration: " + e.getMessage());
    } catch (PreflightException e) {
      throw exit(
          String.format(
              "Preflight failed (after %.0f ms): %s",
              (System.nanoTime() - preflightStart) / 1e6, e.getMessage()));
    } catch (IOException e) {
      throw exit("Cannot start the run: " + e);
    }
  }

  /**
   * What this load generator runs of the whole, e.g. {@code Load generator 1 of 2: 30 of 60
   * requests, 3 of 6 users; ...}; the summary shows the whole load's configuration.
   */
  static String shareLine(BenchConfig config) {
    Injector injector = config.injector();
    StringBuilder line =
        new StringBuilder("Load generator ")
            .append(injector.index())
            .append(" of ")
            .append(injector.count())
            .append(": ");
    if (config.load().duration().isEmpty()) {
      line.append(injector.share(config.totalRequests()))
          .append(" of ")
          .append(config.totalRequests())
          .append(" requests, ");
    }
    if (config.load().open()) {
      double rate = config.load().requestRate().getAsDouble();
      line.append(number(injector.rate(rate))).append(" of ").append(number(rate)).append(" req/s");
    } else {
      line.append(injector.users(config.concurrency()))
          .append(" of ")
          .append(config.concurrency())
          .append(" users");
    }
    return line.append(
            "; merge all generators' run folders with ./mvnw -q compile exec:java@merge"
                + " -Druns=dirA,dirB,...")
        .toString();
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static void preflight(BenchConfig config) throws IOException {
    long start = System.nanoTime();
    new Preflight(
            config.apiBase().orElseThrow(),
            config.apiKey(),
            config.model(),
            config.workload().endpoint(),
            PREFLIGHT_TIMEOUT,
            config.tlsTrust())
        .check()
        .forEach(w -> System.err.println("Warning: " + w));
    System.out.printf(
        "Preflight ok: %s serves %s (%.0f ms)%n",
        config.apiBase().orElseThrow(), config.model(), (System.nanoTime() - start) / 1e6);
  }

  /** Ends the JVM before any load: one line on stderr, exit code 1. */
  private static IllegalStateException exit(String line) {
    System.out.flush();
    System.err.println(line);
    System.err.flush();
    // halt, not exit: nothing has started that needs an orderly stop, and Gatling's hooks would
    // only add noise after our one line
    Runtime.getRuntime().halt(1);
    return new IllegalStateException(line);
  }

  public BenchConfig config() {
    return config;
  }

  /**
   * The measured phases in the order they run: one, or one per level of a sweep. Each has its own
   * sink (its recorder, and requests.jsonl if asked), load pacing and users.
   */
  public List<MeasuredLevel> levels() {
    return levels;
  }

  /** Watches whether the harness itself bounds the figures. */
  public HarnessMonitor monitor() {
    return monitor;
  }

  /**
   * The burst against a loopback simulator of the harness's own that runs before anything reaches
   * the target, so that the first measured request is timed by compiled code.
   */
  public SelfWarmup selfWarmup() {
    return selfWarmup;
  }

  /** The endless feeder of distinct measured prompts, sized by the calibration. */
  public PromptFeeder prompts() {
    return prompts;
  }

  /** The endless feeder of warmup prompts, sized by the tokenizer alone. */
  public PromptFeeder warmupPrompts() {
    return warmupPrompts;
  }

  /** Learns from the warmup answers how the server counts prompt tokens. */
  public PromptCalibration calibration() {
    return calibration;
  }

  /** One ticket per warmup request. */
  public RequestBudget warmupBudget() {
    return warmupBudget;
  }

  /** The first level's virtual users, who also share the warmup requests. */
  public int users() {
    return levels.get(0).users();
  }

  /** True when the target is the simulator this run started. */
  public boolean builtInSimulator() {
    return simulator.isPresent();
  }

  /**
   * Starts the live progress line, and arms the partial summary for a run stopped early; called
   * before Gatling starts the users.
   *
   * @param gatlingRunFolder finds Gatling's folder of this run, where the summary goes
   */
  public void begin(Supplier<Optional<Path>> gatlingRunFolder) {
    this.runFolder = gatlingRunFolder;
    progress = ProgressPrinter.start(this::progressLine, notices, config.progress(), out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> report(true), "llm-partial-summary"));
  }

  /** The progress of the level running now: the last one that has sent anything. */
  private String progressLine(long nowNanos) {
    int index = 0;
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).recorder().firstStartNanos() != Long.MAX_VALUE) {
        index = i;
      }
    }
    MeasuredLevel level = levels.get(index);
    BenchConfig c = level.config();
    ProgressSnapshot p = level.recorder().progress(nowNanos);
    String line =
        c.load().duration().isPresent()
            ? ProgressLine.format(p, c.load().duration().get(), c.stream())
            : ProgressLine.format(p, level.requests().getAsLong(), c.stream());
    return levels.size() == 1
        ? line
        : String.format(
            Locale.ROOT, "Level %d/%d (%s) %s", index + 1, levels.size(), levelName(c), line);
  }

  private static String levelName(BenchConfig level) {
    if (!level.load().open()) {
      return "concurrency " + level.concurrency();
    }
    double rate = level.load().requestRate().getAsDouble();
    return "rate " + (rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate));
  }

  /**
   * Prints the summary and writes summary.json and summary.csv; called once all users are done.
   * When an SLO gate failed, the JVM will end with exit code 2 (see {@link #failAtExit}).
   */
  public Summary finish() {
    Summary summary = report(false);
    // a sweep is not gated: it names the highest level that met the SLOs instead
    if (summary != null && levels.size() == 1 && !config.slo().evaluate(summary).allPassed()) {
      failAtExit();
    }
    return summary;
  }

  /**
   * Makes the JVM end with {@link #SLO_FAILED_EXIT_CODE} however Gatling exits. Gatling calls
   * {@code after()} before it writes its report and evaluates its assertions, then {@code
   * System.exit} with 0 when its own assertions hold; nothing of ours runs after that but shutdown
   * hooks. So a hook halts with 2 once the exit has begun, by when the report is written: the Maven
   * plugin then fails the build as for failed Gatling assertions. Our only other hook (the partial
   * summary) has nothing left to do by then.
   */
  private void failAtExit() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.flush();
                  System.err.flush();
                  Runtime.getRuntime().halt(SLO_FAILED_EXIT_CODE);
                },
                "llm-slo-exit-code"));
  }

  private Summary report(boolean partial) {
    if (!reported.compareAndSet(false, true)) {
      return null;
    }
    if (partial) {
      levels.forEach(level -> level.recorder().freeze());
    }
    if (progress != null) {
      progress.close();
    }
    RunFacts facts =
        new RunFacts(
            config,
            builtInSimulator(),
            partial,
            monitor.load(),
            fromDataset
                ? new PromptSizing(
                    config.workload().tokenizer(), OptionalDouble.empty(), Optional.empty())
                : new PromptSizing(
                    config.workload().tokenizer(),
                    generated.targetMeanTokens(),
                    calibration.freeze()));
    Optional<Path> folder = runFolder.get();
    Summary summary;
    out.println();
    if (levels.size() == 1) {
      // one snapshot: histograms.json holds exactly what the summary was computed from
      RecorderState state = levels.get(0).recorder().snapshot();
      summary = state.summary();
      out.print(ConsoleSummary.render(summary, facts));
      requestLog.ifPresent(log -> closeRequestLog(log, folder));
      folder.ifPresentOrElse(
          f -> writeJson(f, summary, state, facts),
          () -> out.println("summary.json not written: Gatling's run folder was not found"));
    } else {
      List<SweepLevel> measured = sweepLevels();
      summary = measured.isEmpty() ? null : measured.get(measured.size() - 1).summary();
      out.print(ConsoleSummary.renderSweep(measured, facts));
      requestLog.ifPresent(log -> closeRequestLog(log, folder));
      folder.ifPresentOrElse(
          f -> writeSweep(f, measured, facts),
          () -> out.println("sweep files not written: Gatling's run folder was not found"));
    }
    out.flush();
    simulator.ifPresent(SimulatorServer::close);
    selfWarmup.close();
    return summary;
  }

  /**
   * The levels that sent anything (a stopped sweep leaves the later ones out), with SLO verdicts.
   */
  private List<SweepLevel> sweepLevels() {
    List<SweepLevel> measured = new ArrayList<>();
    for (MeasuredLevel level : levels) {
      if (level.recorder().firstStartNanos() == Long.MAX_VALUE) {
        continue;
      }
      Summary s = level.recorder().summarize();
      measured.add(new SweepLevel(level.config(), s, slo.map(gate -> gate.test(s))));
    }
    return measured;
  }

  private void writeSweep(Path folder, List<SweepLevel> measured, RunFacts facts) {
    if (measured.isEmpty()) {
      out.println("sweep files not written: no level sent a request");
      return;
    }
    try {
      ObjectNode summaryJson = SweepReport.summaryJson(measured, facts, Instant.now());
      for (Path file : SweepReport.write(folder, measured, summaryJson)) {
        out.println("Sweep file: " + file.toAbsolutePath());
      }
      // the page shows the very levels summary.json holds
      JsonNode perLevel = summaryJson.get("levels");
      List<onlinebench.report.html.SweepLevel> points = new ArrayList<>();
      for (int i = 0; i < measured.size(); i++) {
        points.add(
            new onlinebench.report.html.SweepLevel(
                levelName(measured.get(i).config()), perLevel.get(i)));
      }
      RunRecorder last = levels.get(measured.size() - 1).recorder();
      writeHtml(folder, (ObjectNode) perLevel.get(measured.size() - 1), last, points);
    } catch (IOException e) {
      out.println("sweep files could not be written to " + folder + ": " + e.getMessage());
    }
  }

  private void closeRequestLog(RequestLog log, Optional<Path> folder) {
    try {
      log.close();
      Path file = log.file();
      if (folder.isPresent()) {
        file =
            Files.move(
                file,
                folder.get().resolve(RequestLog.FILE_NAME),
                StandardCopyOption.REPLACE_EXISTING);
      }
      out.println("Per-request log: " + file.toAbsolutePath());
    } catch (IOException | UncheckedIOException e) {
      out.println("requests.jsonl could not be written: " + e.getMessage());
    }
  }

  private void writeJson(Path folder, Summary summary, RecorderState state, RunFacts facts) {
    var json = SummaryJson.toJson(summary, facts, Instant.now());
    try {
      Path file = SummaryJson.write(folder, json);
      out.println("Summary JSON: " + file.toAbsolutePath());
      writeHtml(folder, json, levels.get(0).recorder(), List.of());
    } catch (IOException e) {
      out.println("summary.json could not be written to " + folder + ": " + e.getMessage());
    }
    try {
      Path file = SummaryCsv.write(folder, json);
      out.println("Summary CSV: " + file.toAbsolutePath());
    } catch (IOException e) {
      out.println("summary.csv could not be written to " + folder + ": " + e.getMessage());
    }
    try {
      Path file = HistogramsFile.write(folder, state);
      out.println("Histograms (for merging): " + file.toAbsolutePath());
    } catch (IOException e) {
      out.println("histograms.json could not be written to " + folder + ": " + e.getMessage());
    }
  }

  /**
   * Writes llm.html: the figures, series and distributions of one level (the run's, or a sweep's
   * last), and for a sweep one point per level.
   */
  private void writeHtml(
      Path folder,
      ObjectNode summaryJson,
      RunRecorder recorder,
      List<onlinebench.report.html.SweepLevel> sweep) {
    try {
      ObjectNode data =
          LlmReportData.of(summaryJson, recorder.timeSeries(), recorder.distributions(), sweep);
      out.println("LLM report: " + LlmHtmlReport.write(folder, data).toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      // the report page is a view; a failure to draw it must not lose the run's other outputs
      out.println("llm.html could not be written to " + folder + ": " + e);
    }
  }
}
