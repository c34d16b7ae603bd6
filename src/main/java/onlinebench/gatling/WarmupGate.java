package onlinebench.gatling;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, request by request, whether a send is warmup: the first {@code warmupRequests} sends of
 * the run are, all later ones are measured. Warmup runs in the same scenario at full concurrency,
 * so the measured phase starts in a steady state, with no ramp or burst at the switch.
 */
final class WarmupGate {
  static final WarmupGate NONE = new WarmupGate(0);

  private final long warmupRequests;
  private final AtomicLong sent = new AtomicLong();

  WarmupGate(long warmupRequests) {
    this.warmupRequests = warmupRequests;
  }

  /** Counts one send; true when it is measured. */
  boolean nextIsMeasured() {
    return warmupRequests == 0 || sent.getAndIncrement() >= warmupRequests;
  }
}
