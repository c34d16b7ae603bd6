package onlinebench.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.metrics.ProgressSnapshot;
import onlinebench.metrics.Summary;
import onlinebench.report.ProgressLine;
import onlinebench.report.ProgressPrinter;
import onlinebench.servermetrics.ServerMetricsScraper;
import onlinebench.simulator.SimulatorServer;

/**
 * A run while Gatling drives it: the live progress line, the partial summary when the run is
 * stopped early (Ctrl-C, SIGTERM), and the end, which happens once whichever way comes first; a
 * missed SLO makes the JVM's exit code {@link RunOutputs#SLO_FAILED_EXIT_CODE}, a run
 * -DstopOnErrors stopped {@link RunOutputs#STOPPED_EARLY_EXIT_CODE}.
 */
final class LiveRun {
  private final StartedRun run;
  private final RunOutputs outputs;
  private final PrintStream out;
  private final AtomicBoolean ended = new AtomicBoolean();
  private Supplier<Optional<Path>> runFolder = Optional::empty;
  private ProgressPrinter progress;

  LiveRun(StartedRun run, RunOutputs outputs, PrintStream out) {
    this.run = run;
    this.outputs = outputs;
    this.out = out;
  }

  /** Starts the progress line and arms the partial summary; before Gatling starts the users. */
  void begin(Supplier<Optional<Path>> gatlingRunFolder) {
    this.runFolder = gatlingRunFolder;
    progress =
        ProgressPrinter.start(this::progressLine, run.notices(), run.config().progress(), out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> end(true), "llm-partial-summary"));
  }

  /**
   * Writes the outputs once all users are done, and sets the exit code an early stop or the SLOs
   * call for.
   */
  Summary finish() {
    Summary summary = end(false);
    int exitCode = outputs.exitCode(summary);
    if (exitCode != 0) {
      exitAtShutdown(exitCode);
    }
    return summary;
  }

  /**
   * Makes the JVM end with {@code code} however Gatling exits. Gatling calls {@code after()} before
   * it writes its report and evaluates its assertions, then {@code System.exit} with 0 when its own
   * assertions hold; nothing of ours runs after that but shutdown hooks. So a hook halts with the
   * code once the exit has begun, by when the report is written: the Maven plugin then fails the
   * build as for failed Gatling assertions. Our only other hook (the partial summary) has nothing
   * left to do by then.
   */
  private void exitAtShutdown(int code) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.flush();
                  System.err.flush();
                  Runtime.getRuntime().halt(code);
                },
                "llm-slo-exit-code"));
  }

  /**
   * The run's one end: the users are done, or the JVM is stopping (then the recorders are frozen
   * and the outputs marked partial). Null when the run had already ended.
   */
  private Summary end(boolean partial) {
    if (!ended.compareAndSet(false, true)) {
      return null;
    }
    if (partial) {
      run.measuredLevels().forEach(level -> level.recorder().freeze());
    }
    if (progress != null) {
      progress.close();
    }
    // its last sample comes after every request, so the measured phase is bracketed
    run.serverMetrics().ifPresent(ServerMetricsScraper::close);
    Summary summary = outputs.write(partial, runFolder);
    run.simulator().ifPresent(SimulatorServer::close);
    run.selfWarmup().ifPresent(SelfWarmup::close);
    return summary;
  }

  /** The progress of the level running now: the last one that has sent anything. */
  private String progressLine(long nowNanos) {
    if (run.search().isPresent()) {
      SearchRun search = run.search().get();
      return search
          .current()
          .map(
              level ->
                  String.format(
                      Locale.ROOT,
                      "Step %d (%s) %s",
                      search.currentNumber(),
                      MeasuredLevel.name(level.config()),
                      levelLine(level, nowNanos)))
          .orElse("Search: preparing the next step");
    }
    List<MeasuredLevel> levels = run.levels();
    int index = 0;
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).recorder().firstStartNanos() != Long.MAX_VALUE) {
        index = i;
      }
    }
    MeasuredLevel level = levels.get(index);
    BenchConfig c = level.config();
    String line = levelLine(level, nowNanos);
    return levels.size() == 1
        ? line
        : String.format(
            Locale.ROOT,
            "Level %d/%d (%s) %s",
            index + 1,
            levels.size(),
            MeasuredLevel.name(c),
            line);
  }

  /**
   * One measured phase's progress: requests done against its count, or time against its duration.
   */
  private static String levelLine(MeasuredLevel level, long nowNanos) {
    BenchConfig c = level.config();
    ProgressSnapshot p = level.recorder().progress(nowNanos);
    return c.load().duration().isPresent()
        ? ProgressLine.format(p, c.load().duration().get(), c.stream())
        : ProgressLine.format(p, level.expectedRequests(), c.stream());
  }
}
