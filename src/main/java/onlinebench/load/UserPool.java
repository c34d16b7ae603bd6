package onlinebench.load;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import onlinebench.config.BenchConfig;
import onlinebench.config.LoadModel;

/**
 * How many virtual users carry the open model. Each user sends one request at a time, so the pool
 * caps the requests in flight: exactly {@code maxConcurrency} when given. Uncapped, the pool must
 * never be what limits the schedule: by Little's law the requests in flight average rate × latency,
 * and no request outlives requestTimeout, so rate × requestTimeout users always suffice; never more
 * than the run's requests, and at most {@value #MAX_USERS} (a run that needs more than that in
 * flight reports the requests the pool held back, see {@code pool_limited_requests}).
 */
public final class UserPool {
  /** The most users an uncapped pool gets: 10,000 streams were measured to run without error. */
  public static final int MAX_USERS = 10_000;

  private UserPool() {}

  /** The pool of one open-model level: its rate, cap, request count (if bounded) and timeout. */
  public static int of(BenchConfig level) {
    LoadModel load = level.load();
    return size(
        load.requestRate().orElseThrow(),
        load.maxConcurrency(),
        load.duration().isPresent() ? OptionalLong.empty() : OptionalLong.of(level.totalRequests()),
        level.requestTimeout());
  }

  /**
   * @param requests the run's measured requests, empty when duration-bounded
   */
  public static int size(
      double requestsPerSecond,
      OptionalInt maxConcurrency,
      OptionalLong requests,
      Duration requestTimeout) {
    long cap = requests.orElse(Long.MAX_VALUE);
    if (maxConcurrency.isPresent()) {
      return (int) Math.max(1, Math.min(maxConcurrency.getAsInt(), cap));
    }
    double littles = Math.ceil(requestsPerSecond * requestTimeout.toNanos() / 1e9);
    return (int) Math.max(1, Math.min(Math.min(littles, MAX_USERS), cap));
  }
}
