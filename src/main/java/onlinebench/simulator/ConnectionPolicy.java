package onlinebench.simulator;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a server family treats its keep-alive connections, as a client pool meets it.
 *
 * @param idleTimeout a connection with no request in progress for this long is closed; null keeps
 *     it open until the client closes it
 * @param maxRequests the response to this many-th request on one connection says {@code Connection:
 *     close} and the connection closes after it; 0 for no limit
 * @param advertiseKeepAlive every response that keeps the connection says {@code Keep-Alive:
 *     timeout=<idleTimeout s>, max=<maxRequests>}
 * @param closeAfterStream after a complete streamed answer the connection stays open, and the next
 *     request arriving on it is closed without any answer
 * @param closeAfterError an error response says {@code Connection: close} and the connection closes
 *     after it
 */
public record ConnectionPolicy(
    @Nullable Duration idleTimeout,
    int maxRequests,
    boolean advertiseKeepAlive,
    boolean closeAfterStream,
    boolean closeAfterError) {

  private static final ConnectionPolicy KEEP_OPEN =
      new ConnectionPolicy(null, 0, false, false, false);

  public ConnectionPolicy {
    if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
    if (maxRequests < 0) {
      throw new IllegalArgumentException("maxRequests must be >= 0, got " + maxRequests);
    }
    if (advertiseKeepAlive) {
      Objects.requireNonNull(idleTimeout, "advertiseKeepAlive needs an idleTimeout");
    }
  }

  /** Connections stay open as long as the client keeps them: what the simulator always did. */
  public static ConnectionPolicy keepOpen() {
    return KEEP_OPEN;
  }

  /** Closes connections idle for {@code timeout}, as uvicorn's {@code timeout_keep_alive} does. */
  public static ConnectionPolicy idleTimeout(Duration timeout) {
    return new ConnectionPolicy(timeout, 0, false, false, false);
  }

  /** The value of the {@code Keep-Alive} response header, when it is sent. */
  String keepAliveHeader() {
    return "timeout=" + Objects.requireNonNull(idleTimeout).toSeconds() + ", max=" + maxRequests;
  }
}
