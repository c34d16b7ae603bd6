package onlinebench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.ConfigException;
import onlinebench.config.PropertyNames;
import onlinebench.gatling.GatlingRunFolder;
import onlinebench.metrics.RequestSink;
import onlinebench.metrics.RunRecorder;
import onlinebench.metrics.Summary;
import onlinebench.prompt.PromptFeeder;
import onlinebench.prompt.PromptGenerator;
import onlinebench.report.ConsoleSummary;
import onlinebench.report.ProgressPrinter;
import onlinebench.report.RequestLog;
import onlinebench.report.SummaryJson;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;

/**
 * One benchmark run's life around Gatling: validated config, the built-in simulator when no server
 * is named, the recorder, prompts and request budgets, the live progress, and at the end the
 * summary on the console and in summary.json. The Simulation only wires these into Gatling.
 */
public final class BenchmarkRun {
  private static final long PROMPT_SEED = 42;

  private final BenchConfig config;
  private final Optional<SimulatorServer> simulator;
  private final RunRecorder recorder = new RunRecorder();
  private final Optional<RequestLog> requestLog;
  private final RunSink sink;
  private final PromptFeeder prompts;
  private final RequestBudget warmupBudget;
  private final RequestBudget measuredBudget;
  private final PrintStream out;
  private ProgressPrinter progress;

  private BenchmarkRun(BenchConfig config, Optional<SimulatorServer> simulator, PrintStream out)
      throws IOException {
    this.config = config;
    this.simulator = simulator;
    this.out = out;
    // Gatling names the run folder only once it runs; the log is moved there at the end.
    this.requestLog =
        config.requestLog()
            ? Optional.of(
                RequestLog.open(
                    GatlingRunFolder.resultsFolder()
                        .resolve(".requests-" + ProcessHandle.current().pid() + ".jsonl"),
                    recorder::firstStartNanos))
            : Optional.empty();
    this.sink = new RunSink(recorder, requestLog);
    this.prompts = new PromptFeeder(new PromptGenerator(config.promptTokens(), PROMPT_SEED));
    this.warmupBudget = new RequestBudget(config.warmupRequests());
    this.measuredBudget = new RequestBudget(config.totalRequests());
  }

  /**
   * Reads and validates the configuration from system properties, starting the built-in simulator
   * when no apiBase is given. Invalid input ends the JVM with exit code 1 after one line on stderr,
   * before any request is sent.
   */
  public static BenchmarkRun startOrExit() {
    PropertyNames.typoWarnings(System.getProperties().stringPropertyNames())
        .forEach(w -> System.err.println("Warning: " + w));
    try {
      BenchConfig config = BenchConfigParser.fromSystem();
      if (!config.usesBuiltInSimulator()) {
        return new BenchmarkRun(config, Optional.empty(), System.out);
      }
      SimulatorServer server =
          SimulatorServer.start(SimulatorConfig.fromSystemProperties(System.getProperties(), 0));
      System.out.println(
          "No -DapiBase given: benchmarking the built-in simulator at " + server.baseUrl());
      return new BenchmarkRun(
          config.withApiBase(server.baseUrl()), Optional.of(server), System.out);
    } catch (ConfigException | IllegalArgumentException e) {
      throw exit("Invalid configuration: " + e.getMessage());
    } catch (IOException e) {
      throw exit("Cannot start the run: " + e);
    }
  }

  /** Ends the JVM before any load: one line on stderr, exit code 1. */
  private static IllegalStateException exit(String line) {
    System.out.flush();
    System.err.println(line);
    System.err.flush();
    // halt, not exit: nothing has started that needs shutting down, and Gatling's hooks would
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

  /** The endless feeder of distinct prompts, shared by warmup and measured users. */
  public PromptFeeder prompts() {
    return prompts;
  }

  public RequestBudget warmupBudget() {
    return warmupBudget;
  }

  public RequestBudget measuredBudget() {
    return measuredBudget;
  }

  /** True when the target is the simulator this run started. */
  public boolean builtInSimulator() {
    return simulator.isPresent();
  }

  /** Starts the live progress line; called before Gatling starts the users. */
  public void begin() {
    progress =
        ProgressPrinter.start(
            recorder, config.totalRequests(), config.stream(), config.progress(), out);
  }

  /**
   * Stops the progress line, prints the summary and writes summary.json into Gatling's run folder
   * when it can be found, then stops the simulator.
   *
   * @param runFolder Gatling's folder of this run, if found
   */
  public Summary finish(Optional<Path> runFolder) {
    if (progress != null) {
      progress.close();
    }
    Summary summary = recorder.summarize();
    out.println();
    out.print(ConsoleSummary.render(summary, config, builtInSimulator()));
    requestLog.ifPresent(log -> closeRequestLog(log, runFolder));
    runFolder.ifPresentOrElse(
        folder -> writeJson(folder, summary),
        () -> out.println("summary.json not written: Gatling's run folder was not found"));
    out.flush();
    simulator.ifPresent(SimulatorServer::close);
    return summary;
  }

  private void closeRequestLog(RequestLog log, Optional<Path> runFolder) {
    try {
      log.close();
      Path file = log.file();
      if (runFolder.isPresent()) {
        file =
            Files.move(
                file,
                runFolder.get().resolve(RequestLog.FILE_NAME),
                StandardCopyOption.REPLACE_EXISTING);
      }
      out.println("Per-request log: " + file.toAbsolutePath());
    } catch (IOException | UncheckedIOException e) {
      out.println("requests.jsonl could not be written: " + e.getMessage());
    }
  }

  private void writeJson(Path folder, Summary summary) {
    try {
      Path file =
          SummaryJson.write(
              folder, SummaryJson.toJson(summary, config, builtInSimulator(), Instant.now()));
      out.println("Summary JSON: " + file.toAbsolutePath());
    } catch (IOException e) {
      out.println("summary.json could not be written to " + folder + ": " + e.getMessage());
    }
  }
}
