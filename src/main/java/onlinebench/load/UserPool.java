package onlinebench.load;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

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
