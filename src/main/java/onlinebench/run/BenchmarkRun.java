package onlinebench.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.ConfigException;
import onlinebench.config.PropertyNames;
import onlinebench.gatling.GatlingRunFolder;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.metrics.RequestSink;
import onlinebench.metrics.RunRecorder;
import onlinebench.metrics.Summary;
import onlinebench.openai.Preflight;
import onlinebench.openai.PreflightException;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.PromptFeeder;
import onlinebench.prompt.PromptGenerator;
import onlinebench.report.ConsoleNotices;
import onlinebench.report.ConsoleSummary;
import onlinebench.report.FirstFailures;
import onlinebench.report.ProgressPrinter;
import onlinebench.report.RequestLog;
import onlinebench.report.RunFacts;
import onlinebench.report.SummaryJson;
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
  private static final long PROMPT_SEED = 42;
  private static final java.time.Duration PREFLIGHT_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final BenchConfig config;
  private final Optional<SimulatorServer> simulator;
  private final RunRecorder recorder = new RunRecorder();
  private final ConsoleNotices notices = new ConsoleNotices();
  private final HarnessMonitor monitor;
  private final Optional<RequestLog> requestLog;
  private final RunSink sink;
  private final PromptFeeder prompts;
  private final RequestBudget warmupBudget;
  private final RequestBudget measuredBudget;
  private final PrintStream out;
  private final AtomicBoolean reported = new AtomicBoolean();
  private Supplier<Optional<Path>> runFolder = Optional::empty;
  private ProgressPrinter progress;

  private BenchmarkRun(BenchConfig config, Optional<SimulatorServer> simulator, PrintStream out)
      throws IOException {
    this.config = config;
    this.simulator = simulator;
    this.out = out;
    this.monitor =
        new HarnessMonitor(config.harnessLimits().lagMs(), config.harnessLimits().cpuShare());
    // Gatling names the run folder only once it runs; the log is moved there at the end.
    this.requestLog =
        config.requestLog()
            ? Optional.of(
                RequestLog.open(
                    GatlingRunFolder.resultsFolder()
                        .resolve(".requests-" + ProcessHandle.current().pid() + ".jsonl"),
                    recorder::firstStartNanos))
            : Optional.empty();
    this.sink = new RunSink(recorder, requestLog, new FirstFailures(notices), monitor);
    PromptGenerator generator = new PromptGenerator(config.promptTokens(), PROMPT_SEED);
    int maxTokens = config.outputTokens();
    this.prompts = new PromptFeeder(() -> ChatPrompt.user(generator.next(), maxTokens));
    this.warmupBudget = new RequestBudget(config.warmupRequests());
    this.measuredBudget = new RequestBudget(config.totalRequests());
  }

  /**
   * Reads and validates the configuration from system properties, starts the built-in simulator
   * when no apiBase is given, and probes the server. Invalid input or a server the run cannot use
   * ends the JVM with exit code 1 after one line on stderr, before any load is sent.
   */
  public static BenchmarkRun startOrExit() {
    PropertyNames.typoWarnings(System.getProperties().stringPropertyNames())
        .forEach(w -> System.err.println("Warning: " + w));
    BenchConfig config;
    Optional<SimulatorServer> simulator = Optional.empty();
    long preflightStart = System.nanoTime();
    try {
      config = BenchConfigParser.fromSystem();
      SecretLogFilter.install(config.apiKey());
      if (config.usesBuiltInSimulator()) {
        SimulatorServer server =
            SimulatorServer.start(SimulatorConfig.fromSystemProperties(System.getProperties(), 0));
        System.out.println(
            "No -DapiBase given: benchmarking the built-in simulator at " + server.baseUrl());
        simulator = Optional.of(server);
        config = config.withApiBase(server.baseUrl());
      }
      if (config.preflight()) {
        preflightStart = System.nanoTime();
        preflight(config);
      }
      return new BenchmarkRun(config, simulator, System.out);
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

  private static void preflight(BenchConfig config) throws IOException {
    long start = System.nanoTime();
    new Preflight(
            config.apiBase().orElseThrow(),
            config.apiKey(),
            config.model(),
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

  /** Where the chat action sends measured requests: the recorder, and requests.jsonl if asked. */
  public RequestSink sink() {
    return sink;
  }

  /** Watches whether the harness itself bounds the figures. */
  public HarnessMonitor monitor() {
    return monitor;
  }

  /** The endless feeder of distinct prompts. */
  public PromptFeeder prompts() {
    return prompts;
  }

  /** One ticket per warmup request. */
  public RequestBudget warmupBudget() {
    return warmupBudget;
  }

  /** One ticket per measured request. */
  public RequestBudget measuredBudget() {
    return measuredBudget;
  }

  /** Virtual users: the concurrency, or fewer when there are fewer measured requests than that. */
  public int users() {
    return Math.min(config.concurrency(), config.totalRequests());
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
    progress =
        ProgressPrinter.start(
            recorder, notices, config.totalRequests(), config.stream(), config.progress(), out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> report(true), "llm-partial-summary"));
  }

  /** Prints the summary and writes summary.json; called once all users are done. */
  public Summary finish() {
    return report(false);
  }

  private Summary report(boolean partial) {
    if (!reported.compareAndSet(false, true)) {
      return null;
    }
    if (partial) {
      recorder.freeze();
    }
    if (progress != null) {
      progress.close();
    }
    Summary summary = recorder.summarize();
    RunFacts facts = new RunFacts(config, builtInSimulator(), partial, monitor.load());
    out.println();
    out.print(ConsoleSummary.render(summary, facts));
    Optional<Path> folder = runFolder.get();
    requestLog.ifPresent(log -> closeRequestLog(log, folder));
    folder.ifPresentOrElse(
        f -> writeJson(f, summary, facts),
        () -> out.println("summary.json not written: Gatling's run folder was not found"));
    out.flush();
    simulator.ifPresent(SimulatorServer::close);
    return summary;
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

  private void writeJson(Path folder, Summary summary, RunFacts facts) {
    try {
      ObjectNode json = SummaryJson.toJson(summary, facts, Instant.now());
      Path file = SummaryJson.write(folder, json);
      out.println("Summary JSON: " + file.toAbsolutePath());
      writeHtml(folder, json);
    } catch (IOException e) {
      out.println("summary.json could not be written to " + folder + ": " + e.getMessage());
    }
  }

  private void writeHtml(Path folder, ObjectNode summaryJson) {
    try {
      ObjectNode data =
          LlmReportData.of(summaryJson, recorder.timeSeries(), recorder.distributions(), List.of());
      out.println("LLM report: " + LlmHtmlReport.write(folder, data).toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      // the report page is a view; a failure to draw it must not lose the run's other outputs
      out.println("llm.html could not be written to " + folder + ": " + e);
    }
  }
}
