package onlinebench.run;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import onlinebench.config.ApiKey;
import onlinebench.config.BenchConfig;
import onlinebench.config.LengthSpec;
import onlinebench.gatling.BenchmarkPlan;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.metrics.RunRecorder;
import onlinebench.prompt.GeneratedPrompts;
import onlinebench.prompt.PromptCalibration;
import onlinebench.prompt.PromptFeeder;
import onlinebench.prompt.PromptGenerator;
import onlinebench.prompt.TokenCounter;
import onlinebench.record.RequestSink;
import onlinebench.report.ConsoleNotices;
import onlinebench.report.FirstFailures;
import onlinebench.report.RequestLog;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;

/**
 * Brings the harness's own hot paths to compiled speed before any request reaches the target: a
 * burst of requests, in the run's mode (streamed or not, chat or completions), through Gatling's
 * HTTP engine, our action, the response parsing and a recorder, against a simulator of its own on
 * loopback. A fresh JVM interprets that code at first and compiles it only after thousands of
 * calls; without this, the JIT's work lands in the first measured requests (issue 13: 128 streams
 * at concurrency 64 with no warmup reported median TTFT 15.5 ms and p99 TTFT 103 ms above the
 * server's truth). Its answers go to a scratch copy of the measured sink (recorder, request log
 * when kept), so that path is compiled too; nothing of it reaches the figures, Gatling's report or
 * the target, which sees only the configured {@code warmupRequests}.
 */
public final class SelfWarmup implements BenchmarkPlan.SelfWarmupPlan, AutoCloseable {
  /**
   * Requests in the burst. Per-chunk paths run 16 times per request and are compiled early; the
   * per-request paths (encoding, the engine's request set-up, the listener, the record) run once
   * per request: HotSpot's tiered compilation compiles them with C1 after a few hundred calls and
   * hands one to C2 after about 5,000 (Tier4InvocationThreshold), or sooner for methods with loops.
   * 4,096 leaves those without loops in C1's code, several times faster than the interpreter, until
   * the measured requests take them past C2's threshold; a larger burst was not measured. Cost
   * measured on a shared 2-core machine: 5-7 s at load average 5-9, 18 s at 15-20
   * (benchmarks/RESULTS.md).
   */
  static final int REQUESTS = 4096;

  /** Users sharing the burst: enough to keep every event loop of a small machine busy. */
  static final int USERS = 32;

  /** Short prompts and answers: what matters is how often each path runs, not the bytes. */
  static final int PROMPT_TOKENS = 32;

  static final int OUTPUT_TOKENS = 16;

  /**
   * The simulator's delays: tiny, so the burst is quick, yet not zero, so that each token arrives
   * in its own read as it does from a real server (the per-read path runs once per token).
   */
  static final Duration TTFT = Duration.ofMillis(1);

  static final Duration ITL = Duration.ofMillis(1);

  /**
   * How long after the burst the run waits at most for the JIT to finish compiling what the burst
   * made hot. On a machine whose other work keeps the compiler threads from running, it would never
   * settle; the run then goes on and its harness check says what it cost.
   */
  static final long MAX_SETTLE_NANOS = 10_000_000_000L;

  /**
   * The JIT counts as done when it compiled for less than this over {@link #SETTLE_WINDOW_NANOS}
   * (5% of one core): a compiler still working through its queue after the burst takes the core
   * from the event loops of the first measured requests. Without this wait, cold runs used 92% of
   * the client's one core in their 2 s measured phase (event-loop lag p99 90-120 ms); with it, as
   * much (87-100%), at the same noise: what busies the core there is not yet known (see
   * benchmarks/RESULTS.md), and the wait costs 0.2-1 s.
   */
  static final long QUIET_COMPILE_MILLIS = 10;

  static final long SETTLE_WINDOW_NANOS = 200_000_000L;

  private final SimulatorServer server;
  private final BenchConfig config;
  private final RequestBudget budget;
  private final PromptFeeder prompts;
  private final RunSink sink;
  private final Optional<RequestLog> log;
  private final Consumer<String> notice;
  private final AtomicInteger usersLeft = new AtomicInteger(USERS);
  private volatile long startNanos;
  private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
  private long burstEndNanos;
  private long windowStartNanos;
  private long windowStartCompileMillis;
  private boolean settled;

  private SelfWarmup(
      SimulatorServer server,
      BenchConfig config,
      PromptFeeder prompts,
      RunSink sink,
      Optional<RequestLog> log,
      Consumer<String> notice) {
    this.server = server;
    this.config = config;
    this.sink = sink;
    this.log = log;
    this.budget = new RequestBudget(REQUESTS);
    this.prompts = prompts;
    this.notice = notice;
  }

  /**
   * Starts the loopback simulator and aims a copy of {@code target} at it: same model, mode,
   * endpoint and body, but not the target's API key, which goes to the target alone.
   */
  public static SelfWarmup start(BenchConfig target, Consumer<String> notice) throws IOException {
    SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.defaults().withModel(target.model()).withDelays(TTFT, ITL));
    URI base = server.baseUrl();
    BenchConfig aimed = target.aimedAt(base, ApiKey.of(""));
    TokenCounter tokens = TokenCounter.of(target.workload().tokenizer());
    // the measured prompts' own path (generator, draws, calibration), on a sequence of its own
    GeneratedPrompts generated =
        new GeneratedPrompts(
            new PromptGenerator(tokens, target.workload().seed(), 0),
            LengthSpec.fixed(PROMPT_TOKENS),
            LengthSpec.fixed(OUTPUT_TOKENS),
            target.workload().seed(),
            new PromptCalibration(tokens));
    // the measured requests' sink as a throwaway: recorder, and the request log when kept
    RunRecorder recorder = new RunRecorder();
    // in a temporary file, deleted when the self-warmup closes
    Optional<RequestLog> log =
        target.requestLog()
            ? Optional.of(
                RequestLog.open(
                    Files.createTempFile("onlinebench-self-warmup-", ".jsonl"),
                    recorder::firstStartNanos))
            : Optional.empty();
    RunSink sink =
        new RunSink(
            recorder,
            log,
            new FirstFailures(new ConsoleNotices()),
            new HarnessMonitor(target.harnessLimits().lagMs(), target.harnessLimits().cpuShare()),
            Optional.empty());
    return new SelfWarmup(server, aimed, new PromptFeeder(generated::measured), sink, log, notice);
  }

  /** A scratch copy of the measured requests' sink. */
  @Override
  public RequestSink sink() {
    return sink;
  }

  /** The run's config aimed at the loopback simulator. */
  @Override
  public BenchConfig config() {
    return config;
  }

  /** True, once per ticket, while the burst has requests left; the first starts its clock. */
  @Override
  public boolean nextRequest() {
    if (startNanos == 0) {
      startNanos = System.nanoTime();
    }
    return budget.tryTake();
  }

  /** A user of the burst is done; once all are, the wait for the JIT begins. */
  @Override
  public synchronized void userDone() {
    if (usersLeft.decrementAndGet() == 0) {
      burstEndNanos = System.nanoTime();
      windowStartNanos = burstEndNanos;
      windowStartCompileMillis = compileMillis();
    }
  }

  /**
   * True while the users should wait: until every one has finished the burst, then while the JIT
   * still compiles (at most {@link #MAX_SETTLE_NANOS}). The first false says what it all cost.
   */
  @Override
  public synchronized boolean settling() {
    if (settled) {
      return false;
    }
    if (usersLeft.get() > 0) {
      return true;
    }
    long now = System.nanoTime();
    if (now - windowStartNanos < SETTLE_WINDOW_NANOS) {
      return true;
    }
    long compiled = compileMillis();
    boolean quiet = compiled - windowStartCompileMillis < QUIET_COMPILE_MILLIS;
    if (!quiet && now - burstEndNanos < MAX_SETTLE_NANOS) {
      windowStartNanos = now;
      windowStartCompileMillis = compiled;
      return true;
    }
    settled = true;
    notice.accept(
        String.format(
            Locale.ROOT,
            "Self-warmup: %d requests to the harness's own loopback simulator in %.1f s, then %.1f s"
                + " for the JIT to finish%s; nothing of it reached the target",
            REQUESTS,
            (burstEndNanos - startNanos) / 1e9,
            (now - burstEndNanos) / 1e9,
            quiet ? "" : " (it had not, and the run went on)"));
    return false;
  }

  /** Milliseconds the JIT compilers have worked so far; 0 where the JVM does not say. */
  private long compileMillis() {
    return compiler != null && compiler.isCompilationTimeMonitoringSupported()
        ? compiler.getTotalCompilationTime()
        : 0;
  }

  /** Short generated prompts, made the way measured ones are. */
  @Override
  public PromptFeeder prompts() {
    return prompts;
  }

  /** The virtual users that share the burst. */
  @Override
  public int users() {
    return USERS;
  }

  /** Stops the loopback simulator; idempotent. */
  @Override
  public void close() {
    server.close();
    log.ifPresent(RequestLog::discard);
  }
}
