package onlinebench.metrics;

/**
 * What the load model adds to a run's figures. In the open model latency is also measured from each
 * request's intended send time (its place in the arrival schedule), so queueing in the client —
 * users all busy, a late timer — shows instead of being hidden (coordinated omission); in the
 * closed model intended and actual sends are the same.
 *
 * @param e2elFromIntended end-to-end latency of successful requests from the intended send time
 * @param ttftFromIntended TTFT of successful streamed requests from the intended send time
 * @param sendLag actual − intended send time, over every measured request
 * @param inFlightAtEnd requests of a duration-bounded run sent before the deadline and finished
 *     after it; counted in completed or failed and in every latency like any other
 * @param lateTickets open-model requests whose ticket was taken after their intended time: every
 *     user of the pool was busy, so the pool (maxConcurrency or the uncapped pool's size) held the
 *     schedule back
 */
public record LoadStats(
    LatencyStats e2elFromIntended,
    LatencyStats ttftFromIntended,
    LatencyStats sendLag,
    long inFlightAtEnd,
    long lateTickets) {

  /** No figures: nothing was recorded. */
  public static final LoadStats NONE = new LoadStats(null, null, null, 0, 0);
}
