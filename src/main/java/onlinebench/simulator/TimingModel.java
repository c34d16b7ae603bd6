package onlinebench.simulator;

import java.time.Duration;

/**
 * Decides the {@link TokenSchedule} of each request: the one place that knows how long the
 * simulated model takes. Phase 1 is fixed: ttft to the first token, then itl per token, whatever
 * the load. A realistic model (prefill rate, decode slowdown with batch size, a bounded number of
 * sequences with queueing) replaces this class and keeps its call sites.
 */
final class TimingModel {

  private final long ttftNanos;
  private final long itlNanos;

  TimingModel(Duration ttft, Duration itl) {
    this.ttftNanos = ttft.toNanos();
    this.itlNanos = itl.toNanos();
  }

  TokenSchedule schedule(long arrivalNanos, ChatRequest request) {
    return new TokenSchedule(arrivalNanos, ttftNanos, itlNanos, request.outputTokens());
  }
}
