package onlinebench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.ConfigException;
import onlinebench.config.Injector;
import onlinebench.config.MavenForkProperties;
import onlinebench.config.PropertyNames;
import onlinebench.config.SearchParameter;
import onlinebench.config.SearchSpec;
import onlinebench.config.SessionWorkload;
import onlinebench.gatling.GatlingRunFolder;
import onlinebench.load.StopSignal;
import onlinebench.metrics.ClockAnchor;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.metrics.RunRecorder;
import onlinebench.openai.Preflight;
import onlinebench.openai.PreflightException;
import onlinebench.openai.TlsContexts;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.GeneratedPrompts;
import onlinebench.prompt.PromptCalibration;
import onlinebench.prompt.PromptFeeder;
import onlinebench.prompt.PromptGenerator;
import onlinebench.prompt.TokenCounter;
import onlinebench.report.ConsoleNotices;
import onlinebench.report.FirstFailures;
import onlinebench.report.RequestLog;
import onlinebench.servermetrics.ServerMetricsException;
import onlinebench.servermetrics.ServerMetricsScraper;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;

/**
 * Everything before the first request: the configuration, the built-in simulator when no server is
 * named, the preflight probe, the self-warmup, the recorders, prompts and budgets. Bad input or a
 * server the run cannot use ends the JVM here, before any load.
 */
final class RunStartup {
  private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(10);
  private static final long SYSTEM_PROMPT_SEED = 0x3C6EF372FE94F82BL;

  private RunStartup() {}

  /**
   * Gives back the system properties gatling-maven-plugin escaped on their way into this JVM
   * (quotes, backslashes, non-ASCII), reads and validates the configuration from them, starts the
   * built-in simulator when no apiBase is given, probes the server and builds the run's parts.
   * Invalid input or a server the run cannot use ends the JVM with exit code 1 after one line on
   * stderr, before any load is sent.
   */
  static StartedRun startOrExit() {
    MavenForkProperties.restoreSystemProperties();
    PropertyNames.typoWarnings(System.getProperties().stringPropertyNames())
        .forEach(w -> System.err.println("Warning: " + w));
    BenchConfig config;
    Optional<SearchSpec> search = Optional.empty();
    Optional<SimulatorServer> simulator = Optional.empty();
    long preflightStart = System.nanoTime();
    try {
      config = BenchConfigParser.fromSystem();
      search = SearchParameter.fromSystem(config);
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
      return parts(config, search, simulator, dataset);
    } catch (ConfigException | IllegalArgumentException e) {
      throw exit("Invalid configuration: " + e.getMessage());
    } catch (PreflightException e) {
      throw exit(
          String.format(
              "Preflight failed (after %.0f ms): %s",
              (System.nanoTime() - preflightStart) / 1e6, e.getMessage()));
    } catch (ServerMetricsException e) {
      throw exit("Server metrics (-DserverMetrics): " + e.getMessage());
    } catch (IOException e) {
      throw exit("Cannot start the run: " + e);
    }
  }

  /** The run's parts, once the configuration is valid and the server answered. */
  private static StartedRun parts(
      BenchConfig config,
      Optional<SearchSpec> search,
      Optional<SimulatorServer> simulator,
      Optional<Supplier<ChatPrompt>> dataset)
      throws IOException {
    ConsoleNotices notices = new ConsoleNotices();
    Optional<SelfWarmup> selfWarmup;
    if (config.selfWarmup()) {
      selfWarmup = Optional.of(SelfWarmup.start(config, notices::add));
    } else {
      selfWarmup = Optional.empty();
      notices.add(
          "Self-warmup: off (selfWarmup=false); the first measured requests may carry the"
              + " harness's own JIT compilation");
    }
    HarnessMonitor monitor =
        new HarnessMonitor(config.harnessLimits().lagMs(), config.harnessLimits().cpuShare());
    // The log's offsets count from the first level's first send, so a sweep's lines follow on.
    AtomicReference<RunRecorder> origin = new AtomicReference<>();
    Optional<RequestLog> requestLog =
        config.requestLog()
            ? Optional.of(
                RequestLog.open(
                    GatlingRunFolder.pendingRequestLog(), () -> origin.get().firstStartNanos()))
            : Optional.empty();
    FirstFailures firstFailures = new FirstFailures(notices);
    // one anchor for the whole run, so its levels' wall-clock instants share one offset
    ClockAnchor clock = ClockAnchor.now();
    // one signal for the run: a level stopped early also keeps a sweep's later levels from running
    StopSignal stop = config.stopOnErrors().isPresent() ? StopSignal.armed() : StopSignal.never();
    // a search's steps each have their own stop signal (a step stopped early fails, and the
    // search goes on) and are made as the search goes; other runs have their levels up front
    Optional<SearchRun> searchRun =
        search.map(
            spec ->
                new SearchRun(
                    config,
                    spec,
                    (level, stepStop) -> {
                      MeasuredLevel step =
                          new MeasuredLevel(
                              level,
                              requestLog,
                              firstFailures,
                              monitor,
                              clock,
                              stepStop,
                              notices::add);
                      origin.compareAndSet(null, step.recorder());
                      return step;
                    },
                    notices::add));
    List<MeasuredLevel> levels =
        searchRun.isPresent()
            ? List.of()
            : config.levels().stream()
                .map(
                    level ->
                        new MeasuredLevel(
                            level, requestLog, firstFailures, monitor, clock, stop, notices::add))
                .toList();
    if (!levels.isEmpty()) {
      origin.set(levels.get(0).recorder());
    }
    // after the preflight, before any load: the first sample is the measured phase's baseline; a
    // search's steps are judged by the client's figures, and the server is not scraped
    Optional<ServerMetricsScraper> serverMetrics =
        searchRun.isPresent()
            ? Optional.empty()
            : ServerMetricsScraper.start(
                config.serverMetrics(),
                config.apiBase().orElseThrow(),
                config.apiKey(),
                TlsContexts.jdk(config.tlsTrust()),
                () -> origin.get().firstStartNanos(),
                notices::add,
                Files.createDirectories(GatlingRunFolder.resultsFolder())
                    .resolve(".server-metrics-" + ProcessHandle.current().pid() + ".jsonl"),
                System.out::println);
    return new StartedRun(
        config,
        simulator,
        selfWarmup,
        notices,
        monitor,
        requestLog,
        levels,
        searchRun,
        prompts(config, dataset),
        // a search's steps take their warmup tickets from their own slots
        new RequestBudget(
            searchRun.isPresent() ? 0 : config.injector().share(config.warmupRequests())),
        serverMetrics);
  }

  private static RunPrompts prompts(BenchConfig config, Optional<Supplier<ChatPrompt>> dataset) {
    TokenCounter tokens = TokenCounter.of(config.workload().tokenizer());
    long seed = config.workload().seed();
    PromptCalibration calibration = new PromptCalibration(tokens);
    GeneratedPrompts generated =
        new GeneratedPrompts(
            new PromptGenerator(tokens, seed, config.workload().sharedPrefixTokens()),
            config.promptTokens(),
            config.outputTokens(),
            seed,
            calibration,
            config.injector());
    // a dataset's prompts are sent as they are: no sizing, no calibration
    return new RunPrompts(
        calibration,
        generated,
        new PromptFeeder(dataset.orElse(generated::warmup)),
        new PromptFeeder(dataset.orElse(generated::measured)),
        dataset.isPresent(),
        systemPrompt(config, tokens));
  }

  /**
   * A session workload's system message: {@code systemPromptTokens} generated words (exact in the
   * tokenizer's count), the same in every session, as an application's; words of their own seed, so
   * that no measured prompt starts like it.
   */
  private static Optional<String> systemPrompt(BenchConfig config, TokenCounter tokens) {
    int length = config.workload().sessions().map(SessionWorkload::systemPromptTokens).orElse(0);
    if (length == 0) {
      return Optional.empty();
    }
    long seed = config.workload().seed() ^ SYSTEM_PROMPT_SEED;
    return Optional.of(new PromptGenerator(tokens, seed, 0).prompt(0, length));
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
      // a session workload's tickets are sessions
      Optional<SessionWorkload> sessions = config.workload().sessions();
      int tickets = sessions.map(s -> s.sessions().getAsInt()).orElse(config.totalRequests());
      line.append(injector.share(tickets))
          .append(" of ")
          .append(tickets)
          .append(sessions.isPresent() ? " sessions, " : " requests, ");
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

  /** A rate or count as written: no ".0" on whole numbers. */
  static String number(double d) {
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
}
