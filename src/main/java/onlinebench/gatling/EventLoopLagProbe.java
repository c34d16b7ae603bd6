package onlinebench.gatling;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import onlinebench.metrics.HarnessMonitor;

/**
 * Every 50 ms ({@link HarnessMonitor#PROBE_PERIOD_NANOS}), on each of Gatling's event loops, a task
 * that notes how late it ran: a loop busy with parsing or recording runs it late, which is what
 * "the client is the bottleneck" means.
 */
final class EventLoopLagProbe {
  private EventLoopLagProbe() {}

  static void start(EventLoopGroup loops, HarnessMonitor monitor) {
    for (EventExecutor loop : loops) {
      schedule(loop, monitor);
    }
  }

  private static void schedule(EventExecutor loop, HarnessMonitor monitor) {
    if (loop.isShuttingDown()) {
      return;
    }
    long due = System.nanoTime() + HarnessMonitor.PROBE_PERIOD_NANOS;
    loop.schedule(
        () -> {
          monitor.recordEventLoopLag(System.nanoTime() - due);
          schedule(loop, monitor);
        },
        HarnessMonitor.PROBE_PERIOD_NANOS,
        TimeUnit.NANOSECONDS);
  }
}
