package onlinebench.simulator;

/** A response being produced over time on one connection; at most one per connection. */
interface InFlightResponse {

  /** Starts writing on the connection's event loop; called once. */
  void start();

  /**
   * The connection closed: stop writing, cancel the pending timer and record what was sent. Does
   * nothing once the response is complete.
   */
  void abort();
}
