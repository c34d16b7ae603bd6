package onlinebench.slo;

/** The outcome of one clause. */
public enum Verdict {
  PASS,
  FAIL,
  /** A per-request clause: it counts toward goodput and is not a gate on its own. */
  PER_REQUEST
}
