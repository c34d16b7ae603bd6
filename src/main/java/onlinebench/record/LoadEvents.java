package onlinebench.record;

/** What the load side tells the recorder about the measured phase beyond single requests. */
public interface LoadEvents {
  /** A duration-bounded phase hands out no ticket after {@code deadlineNanos}. */
  void deadline(long deadlineNanos);

  /**
   * The open model took a request's ticket after its intended send time: every user of the pool was
   * busy, so the pool (or maxConcurrency) held the schedule back.
   */
  void ticketTakenLate();
}
