package onlinebench.simulator;

/**
 * How the simulator hands a streamed response to the socket.
 *
 * <p>Property {@code sim.delivery}: {@code token} or {@code whole}.
 */
public enum Delivery {
  /**
   * One SSE event per write and flush, as model servers do: the client sees each token separately.
   */
  TOKEN,
  /**
   * The whole stream built into one buffer and written once. Only valid with zero ttft and itl: it
   * exists to measure the harness's own ceiling, not to imitate a server.
   */
  WHOLE;

  /** The spelling used in {@code sim.delivery}. */
  String propertyValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
