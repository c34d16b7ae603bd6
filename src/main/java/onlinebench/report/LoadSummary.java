package onlinebench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import onlinebench.config.BenchConfig;
import onlinebench.config.LoadModel;
import onlinebench.load.UserPool;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.LoadStats;
import onlinebench.metrics.Summary;

/**
 * The console lines the load model adds: with the open model, latency from the intended send time
 * beside the usual figures (so coordinated omission cannot hide queueing), the send lag, and a
 * warning when the user pool held the schedule back; with a duration, the requests in flight at the
 * deadline.
 */
final class LoadSummary {
  private LoadSummary() {}

  /**
   * The header's middle: {@code Concurrency: 128}, or {@code Rate: 4 req/s (poisson)}; a session
   * workload's load counts sessions ({@code Concurrency: 16 sessions}, {@code Rate: 2 sessions/s}).
   */
  static String level(BenchConfig config) {
    LoadModel load = config.load();
    boolean sessions = config.workload().sessions().isPresent();
    if (!load.open()) {
      return "Concurrency: " + config.concurrency() + (sessions ? " sessions" : "");
    }
    return "Rate: "
        + LoadView.number(load.requestRate().getAsDouble())
        + (sessions ? " sessions/s (" : " req/s (")
        + arrival(load)
        + ")";
  }

  static List<String> lines(Summary s, BenchConfig config) {
    List<String> lines = new ArrayList<>();
    LoadModel load = config.load();
    LoadStats figures = s.load();
    if (load.open()) {
      int pool = UserPool.of(config);
      lines.add(
          String.format(
              Locale.ROOT,
              "Open model: %s %s, %s arrivals, %s%s",
              LoadView.number(load.requestRate().getAsDouble()),
              config.workload().sessions().isPresent() ? "sessions/s" : "req/s",
              arrival(load),
              load.maxConcurrency().isPresent()
                  ? "maxConcurrency " + load.maxConcurrency().getAsInt()
                  : "uncapped (pool of " + pool + " users)",
              load.rampUp().map(r -> ", ramp-up " + Durations.text(r)).orElse("")));
      lines.add(
          "From intended send (ms), queueing in the client included: e2el "
              + brief(figures.e2elFromIntended())
              + (config.stream() ? " | TTFT " + brief(figures.ttftFromIntended()) : ""));
      LatencyStats lag = figures.sendLag();
      lines.add(
          lag == null
              ? "Send lag (actual - intended, ms): n/a"
              : String.format(
                  Locale.ROOT,
                  "Send lag (actual - intended, ms): p50 %.2f  p99 %.2f  max %.2f",
                  lag.medianMs(),
                  lag.p99Ms(),
                  lag.maxMs()));
      if (figures.lateTickets() > 0) {
        lines.add(
            String.format(
                Locale.ROOT,
                "WARNING: %d of %d requests were due before a user was free to send them, so they"
                    + " went out late (%d users; %s): latency from the intended send counts that"
                    + " wait",
                figures.lateTickets(),
                s.total(),
                load.maxConcurrency().orElse(pool),
                load.maxConcurrency().isPresent()
                    ? "maxConcurrency is the limit"
                    : "the pool was at most "
                        + UserPool.MAX_USERS
                        + " or the run's request count, or the harness ran late"));
      }
    }
    if (load.duration().isPresent()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "Duration: %s; %d requests were in flight at its end and ran to completion (counted,"
                  + " latencies included)",
              Durations.text(load.duration().get()),
              figures.inFlightAtEnd()));
    }
    return lines;
  }

  static String arrival(LoadModel load) {
    return switch (load.arrival()) {
      case GAMMA -> "gamma k=" + LoadView.number(load.burstiness());
      default -> load.arrival().key();
    };
  }

  private static String brief(LatencyStats stats) {
    return stats == null
        ? "n/a"
        : String.format(
            Locale.ROOT,
            "p50 %.1f  p99 %.1f  mean %.1f",
            stats.medianMs(),
            stats.p99Ms(),
            stats.meanMs());
  }
}
