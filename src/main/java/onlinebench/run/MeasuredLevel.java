package onlinebench.run;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import onlinebench.config.BenchConfig;
import onlinebench.config.Injector;
import onlinebench.config.LoadModel;
import onlinebench.gatling.BenchmarkPlan;
import onlinebench.load.ArrivalSchedule;
import onlinebench.load.ArrivalTickets;
import onlinebench.load.MeasuredLoad;
import onlinebench.load.RampUpStarts;
import onlinebench.load.StopSignal;
import onlinebench.load.UserPool;
import onlinebench.metrics.ClockAnchor;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.metrics.RunRecorder;
import onlinebench.record.RequestSink;
import onlinebench.report.FirstFailures;
import onlinebench.report.RequestLog;
import onlinebench.slo.SloEvaluation;

/**
 * One measured phase: a run has one, a sweep one per level. Each has its own recorder, its own
 * tickets (request count or deadline, arrival schedule) and its own users, so levels never mix.
 * With {@code -DstopOnErrors} each has its own window of recent outcomes; the stop signal it gives
 * is the run's, so a sweep's later levels do not run either.
 */
public final class MeasuredLevel implements BenchmarkPlan.Level {
  private final BenchConfig config;
  private final RunRecorder recorder;
  private final RunSink sink;
  private final MeasuredLoad load;
  private final int users;
  private final OptionalLong requests;
  private final Optional<ErrorWindow> errorWindow;

  /**
   * @param stop the run's stop signal: given when this level's error window trips
   * @param notices told, once, that the level stops early and why
   */
  MeasuredLevel(
      BenchConfig config,
      Optional<RequestLog> log,
      FirstFailures firstFailures,
      HarnessMonitor monitor,
      ClockAnchor clock,
      StopSignal stop,
      Consumer<String> notices) {
    this.config = config;
    this.recorder = new RunRecorder(SloEvaluation.goodRequest(config.slo()), clock);
    this.errorWindow =
        config
            .stopOnErrors()
            .map(
                rule ->
                    new ErrorWindow(
                        rule,
                        reason -> {
                          stop.stop();
                          notices.accept(
                              "Stopping early: "
                                  + reason
                                  + "; no new requests are sent, those in flight finish");
                        }));
    this.sink = new RunSink(recorder, log, firstFailures, monitor, errorWindow);
    LoadModel model = config.load();
    // several generators each run their share; the shares add up to the level's whole load
    Injector injector = config.injector();
    // a ticket is one request, or one session of a session workload
    OptionalLong requests =
        model.duration().isPresent()
            ? OptionalLong.empty()
            : OptionalLong.of(injector.share(tickets(config)));
    this.requests = requests;
    if (model.open()) {
      double rate = injector.rate(model.requestRate().getAsDouble());
      OptionalInt cap = model.maxConcurrency();
      this.users =
          UserPool.size(
              rate,
              cap.isPresent() ? OptionalInt.of(injector.users(cap.getAsInt())) : cap,
              requests,
              config.requestTimeout());
      this.load =
          new MeasuredLoad.Open(
              new ArrivalTickets(
                  new ArrivalSchedule(
                      model.arrival(),
                      model.burstiness(),
                      rate,
                      model.rampUp().orElse(Duration.ZERO),
                      injector.arrivalSeed(config.workload().seed())),
                  requests.orElse(Long.MAX_VALUE),
                  model.duration(),
                  recorder,
                  System::nanoTime),
              stop);
    } else {
      this.users =
          (int) Math.min(injector.users(config.concurrency()), requests.orElse(Long.MAX_VALUE));
      RequestBudget budget =
          model.duration().isPresent()
              ? RequestBudget.until(model.duration().get(), recorder, System::nanoTime)
              : new RequestBudget(requests.getAsLong());
      this.load =
          new MeasuredLoad.Closed(
              budget::tryTake,
              model.rampUp().map(ramp -> new RampUpStarts(users, ramp, System::nanoTime)),
              stop);
    }
  }

  /** This level's configuration: its concurrency, or its single request rate. */
  @Override
  public BenchConfig config() {
    return config;
  }

  /** Where the chat action sends this level's measured requests. */
  @Override
  public RequestSink sink() {
    return sink;
  }

  /** How this level's users pace their requests. */
  @Override
  public MeasuredLoad load() {
    return load;
  }

  /**
   * Virtual users: the concurrency (closed model), or the pool that carries the arrival schedule
   * (open model, see {@link UserPool}); never more than the level's requests.
   */
  @Override
  public int users() {
    return users;
  }

  /**
   * This generator's measured tickets at this level: requests, or sessions of a session workload;
   * empty when duration-bounded.
   */
  public OptionalLong requests() {
    return requests;
  }

  /**
   * The requests this level is expected to send, for the progress line: its tickets, times the mean
   * turns of a session workload (exact for a fixed number of turns; for an agent, whose sessions
   * end at their first text answer, the most it may send, so its progress may end short of 100%).
   */
  long expectedRequests() {
    long tickets = requests.orElseThrow();
    return config
        .workload()
        .sessions()
        .map(s -> Math.round(tickets * (s.turns().min() + s.turns().max()) / 2.0))
        .orElse(tickets);
  }

  /** The whole load's tickets: {@code totalRequests}, or a session workload's sessions. */
  private static int tickets(BenchConfig config) {
    return config
        .workload()
        .sessions()
        .map(s -> s.sessions().orElseThrow())
        .orElse(config.totalRequests());
  }

  /**
   * Why this level was stopped early ({@code -DstopOnErrors}); empty when it ran to its end. A
   * level stopped this way did not show the load it was asked for: a search over levels counts it
   * as failing the SLO.
   */
  public Optional<String> stoppedEarly() {
    return errorWindow.flatMap(ErrorWindow::tripReason);
  }

  RunRecorder recorder() {
    return recorder;
  }

  /** How the progress line and the sweep page name a level: its concurrency, or its rate. */
  static String name(BenchConfig level) {
    if (!level.load().open()) {
      return "concurrency " + level.concurrency();
    }
    return "rate " + RunStartup.number(level.load().requestRate().getAsDouble());
  }
}
