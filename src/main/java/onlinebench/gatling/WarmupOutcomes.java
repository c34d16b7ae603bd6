package onlinebench.gatling;

import io.gatling.core.session.Session;
import onlinebench.metrics.RequestRecord;
import onlinebench.metrics.RunRecorder;

/**
 * Where warmup requests go: into a scratch recorder that nobody reads, never into the run's figures
 * or Gatling's stats. Recording them anyway makes the JIT compile the recording path during warmup;
 * otherwise it would compile while the first measured requests finish, and show in their timings.
 */
final class WarmupOutcomes implements OutcomeSink {
  private final RunRecorder scratch = new RunRecorder();

  @Override
  public void sending(long startNanos) {
    scratch.requestStarting(startNanos);
  }

  @Override
  public void accept(Session session, long startMillis, RequestRecord record) {
    scratch.record(record);
  }
}
