package onlinebench.gatling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.core.session.Session;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import onlinebench.config.HarnessLimits;
import onlinebench.config.PropertyNames;
import onlinebench.config.ScenarioSettings;
import onlinebench.config.slo.SloSet;
import onlinebench.config.slo.SloSyntaxException;
import onlinebench.metrics.ClockAnchor;
import onlinebench.metrics.HarnessCheck;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.metrics.NamedRecorders;
import onlinebench.metrics.Summary;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import onlinebench.report.Durations;
import onlinebench.report.RequestLog;
import onlinebench.report.ScenarioFacts;
import onlinebench.report.ScenarioReport;
import onlinebench.slo.SloEvaluation;

/**
 * The token figures of one Gatling run of a user-written Simulation: every chat action of every
 * scenario records into it (by request name, and all together), every virtual user is counted as
 * one session when it exits, the harness is watched from the first user's start to the last one's
 * exit, and at the run's end it prints the console summary, writes summary.json, summary.csv,
 * histograms.json, llm.html (and requests.jsonl with {@code -DrequestLog}) into Gatling's run
 * folder and gates {@code -Dslo}.
 *
 * <p>Run-wide because Gatling makes it so: it builds the llm protocol's components factory once per
 * run ({@link LlmProtocol}'s key) and has no run-end hook for protocols, so the end is a JVM
 * shutdown hook, as the benchmark's own partial summary is ({@code run/LiveRun}).
 */
final class ScenarioRun {
  /** A missed SLO's exit code: Gatling's own for failed assertions, as the benchmark's. */
  static final int SLO_FAILED_EXIT_CODE = 2;

  private final SloSet slo;
  private final NamedRecorders recorders;
  private final HarnessMonitor monitor;
  private final Optional<RequestLog> log;
  private final PrintStream out;
  private final long startMillis = System.currentTimeMillis();
  private final LongAdder usersStarted = new LongAdder();
  private final LongAdder usersExited = new LongAdder();
  private final AtomicReference<LlmProtocol> protocol = new AtomicReference<>();
  // the harness's verdict when no user was left running: the run's end, before Gatling's report
  // generation and the JVM's exit add CPU and idle time to the window
  private final AtomicReference<HarnessCheck> harnessWhenIdle = new AtomicReference<>();
  private final AtomicBoolean ended = new AtomicBoolean();

  /**
   * @param requestLog where requests.jsonl is written while the run lasts, moved into Gatling's run
   *     folder at its end; empty for none
   */
  ScenarioRun(SloSet slo, HarnessLimits limits, Optional<Path> requestLog, PrintStream out) {
    this.slo = slo;
    this.out = out;
    this.monitor = new HarnessMonitor(limits.lagMs(), limits.cpuShare());
    this.recorders = new NamedRecorders(SloEvaluation.goodRequest(slo), ClockAnchor.now());
    this.log = requestLog.map(this::openLog);
  }

  private RequestLog openLog(Path file) {
    try {
      // offsets from the run's first chat request, as the benchmark's from its first measured one
      return RequestLog.open(file, () -> recorders.all().firstStartNanos());
    } catch (IOException e) {
      throw new UncheckedIOException(
          RequestLog.FILE_NAME + " could not be opened at " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The run of this JVM's Gatling run, its end armed as a shutdown hook; {@code -Dslo}, the harness
   * limits and {@code -DrequestLog} are read and refused here, before any user starts.
   */
  static ScenarioRun startedWithShutdownHook() {
    ScenarioSettings settings =
        ScenarioSettings.fromProperties(PropertyNames.snapshot(System.getProperties()));
    ScenarioRun run =
        new ScenarioRun(
            sloProperty(System.getProperty("slo")),
            settings.harnessLimits(),
            settings.requestLog()
                ? Optional.of(GatlingRunFolder.pendingRequestLog())
                : Optional.empty(),
            System.out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  int code = run.end(() -> GatlingRunFolder.findLatest(run.startMillis));
                  if (code != 0) {
                    // Gatling has written its report and chosen its exit code by now: ours wins
                    System.err.flush();
                    Runtime.getRuntime().halt(code);
                  }
                },
                "llm-scenario-summary"));
    return run;
  }

  /** {@code -Dslo}'s clauses, with the benchmark's grammar; one line naming the fault if bad. */
  static SloSet sloProperty(String text) {
    if (text == null || text.isBlank()) {
      return SloSet.NONE;
    }
    try {
      return SloSet.parse(text);
    } catch (SloSyntaxException e) {
      throw new IllegalArgumentException(e.malformedClause() + ", got \"" + text + "\" (-Dslo)");
    }
  }

  /** The protocol the outputs describe: the first one a chat action was built with. */
  void uses(LlmProtocol llm) {
    protocol.compareAndSet(null, llm);
  }

  /** Where the requests of the chat actions named {@code requestName} go. */
  RequestSink sink(String requestName) {
    RequestSink named = recorders.sink(requestName);
    return log.map(l -> RequestSink.both(named, new LogSink(l, requestName))).orElse(named);
  }

  /** requests.jsonl's lines of one request name. */
  private record LogSink(RequestLog log, String requestName) implements RequestSink {
    @Override
    public void requestStarting(long startNanos) {}

    @Override
    public void record(RequestRecord request) {
      log.append(requestName, request);
    }
  }

  /**
   * Watches Gatling's event loops and process CPU from the first user's start; the chat actions
   * start its event-loop probe.
   */
  HarnessMonitor monitor() {
    return monitor;
  }

  /** A virtual user of a scenario with chat actions starts. */
  Session userStarted(Session session) {
    monitor.start();
    usersStarted.increment();
    return UserJourney.started(session, System.nanoTime());
  }

  /** A virtual user exits: its journey is a session when it sent a chat request. */
  void userExited(Session session) {
    UserJourney.ended(session).ifPresent(recorders::recordSession);
    usersExited.increment();
    if (usersExited.sum() >= usersStarted.sum()) {
      // at every moment no user is left running (often, under open injection with short
      // journeys; a few microseconds on this event loop): the last such moment is the run's end
      harnessWhenIdle.set(monitor.load());
    }
  }

  /**
   * The run's one end: prints the summary, writes the files into the run folder and returns the
   * exit code the SLOs call for (0 when met, or when there are none; a partial run is not gated). A
   * second call does nothing and returns 0.
   */
  int end(Supplier<Optional<Path>> runFolder) {
    if (!ended.compareAndSet(false, true)) {
      return 0;
    }
    if (protocol.get() == null) {
      // no chat action was built: no figures, and no empty log left behind
      log.ifPresent(RequestLog::discard);
      return 0;
    }
    // users still running when the JVM stops: the run was cut short (Ctrl-C, max duration)
    boolean partial = usersExited.sum() < usersStarted.sum();
    if (partial) {
      recorders.freeze();
    }
    NamedRecorders.Snapshot snapshot = recorders.snapshot();
    Summary all = snapshot.all().summary();
    Map<String, Summary> byName = snapshot.summariesByName();
    Optional<Path> folder = runFolder.get();
    ScenarioFacts facts = facts(partial, folder);
    out.println();
    out.print(ScenarioReport.console(all, byName, facts));
    ObjectNode json = ScenarioReport.json(all, byName, facts, Instant.now());
    folder.ifPresentOrElse(
        f -> ScenarioReport.write(f, json, recorders.all(), snapshot, out),
        () -> out.println("summary.json not written: Gatling's run folder was not found"));
    log.ifPresent(l -> l.closeInto(folder, out));
    out.flush();
    boolean missed = !partial && !SloEvaluation.evaluate(slo, all).allPassed();
    return missed ? SLO_FAILED_EXIT_CODE : 0;
  }

  private ScenarioFacts facts(boolean partial, Optional<Path> runFolder) {
    LlmProtocol llm = protocol.get();
    Map<String, Object> config = new LinkedHashMap<>();
    // which Simulation ran, so that the merge refuses to add up two different ones
    config.put(
        "simulation",
        runFolder.map(GatlingRunFolder::simulationId).orElse("(run folder not found)"));
    config.put("apiBase", llm.baseUrl().toString());
    config.put("apiKey", llm.apiKey().masked());
    config.put("model", llm.model());
    config.put("stream", llm.stream());
    config.put(
        "maxTokens", llm.maxTokens().isPresent() ? llm.maxTokens().getAsInt() : "(set per action)");
    config.put("requestTimeout", Durations.text(llm.requestTimeout()));
    config.put("slo", slo.isEmpty() ? "(none)" : slo.text());
    HarnessCheck harness = harnessWhenIdle.get();
    return new ScenarioFacts(
        llm.model(),
        config,
        usersStarted.sum(),
        partial,
        slo,
        partial || harness == null ? monitor.load() : harness);
  }
}
