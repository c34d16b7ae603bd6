package onlinebench.run;

import java.util.List;
import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.report.ConsoleNotices;
import onlinebench.report.RequestLog;
import onlinebench.servermetrics.ServerMetricsScraper;
import onlinebench.simulator.SimulatorServer;

/**
 * Everything a run needs once {@link RunStartup} is done and before the first request is sent. The
 * parts themselves are live (recorders, feeders, servers); which parts the run has never changes.
 *
 * @param config the validated configuration, with the built-in simulator's address when it runs
 * @param simulator the built-in simulator this run started; empty when a server was named
 * @param selfWarmup the burst against the harness's own loopback simulator; empty when turned off
 * @param notices one-off lines the progress printer shows between its updates
 * @param monitor watches whether the harness itself bounds the figures
 * @param requestLog requests.jsonl while it is written, when asked for
 * @param levels the measured phases in the order they run: one, or one per level of a sweep; none
 *     for a search, whose steps make their own
 * @param search the search for the highest load meeting the SLO, with {@code -Dsearch}
 * @param prompts the warmup and measured prompts
 * @param warmupBudget one ticket per warmup request
 * @param serverMetrics the scraper of the server's own metrics; empty when off or not found
 */
record StartedRun(
    BenchConfig config,
    Optional<SimulatorServer> simulator,
    Optional<SelfWarmup> selfWarmup,
    ConsoleNotices notices,
    HarnessMonitor monitor,
    Optional<RequestLog> requestLog,
    List<MeasuredLevel> levels,
    Optional<SearchRun> search,
    RunPrompts prompts,
    RequestBudget warmupBudget,
    Optional<ServerMetricsScraper> serverMetrics) {

  StartedRun {
    levels = List.copyOf(levels);
  }

  /** Every measured phase that exists now: the fixed levels, or the search's steps so far. */
  List<MeasuredLevel> measuredLevels() {
    return search.map(SearchRun::startedLevels).orElse(levels);
  }
}
