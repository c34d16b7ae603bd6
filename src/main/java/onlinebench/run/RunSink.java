package onlinebench.run;

import java.util.Optional;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.metrics.RunRecorder;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import onlinebench.record.SessionRecord;
import onlinebench.report.FirstFailures;
import onlinebench.report.RequestLog;

/**
 * Sends every measured request to the run's recorder, to requests.jsonl when asked for, to the
 * first-failure notices, and to the early-stop window when {@code -DstopOnErrors} is set.
 */
final class RunSink implements RequestSink {
  private final RunRecorder recorder;
  private final Optional<RequestLog> log;
  private final FirstFailures firstFailures;
  private final HarnessMonitor monitor;
  private final Optional<ErrorWindow> errorWindow;

  RunSink(
      RunRecorder recorder,
      Optional<RequestLog> log,
      FirstFailures firstFailures,
      HarnessMonitor monitor,
      Optional<ErrorWindow> errorWindow) {
    this.recorder = recorder;
    this.monitor = monitor;
    this.log = log;
    this.firstFailures = firstFailures;
    this.errorWindow = errorWindow;
  }

  @Override
  public void requestStarting(long startNanos) {
    monitor.start();
    recorder.requestStarting(startNanos);
  }

  @Override
  public void record(RequestRecord request) {
    recorder.record(request);
    log.ifPresent(l -> l.append(request));
    firstFailures.observe(request);
    // after the recorder: the request that trips the window is already counted when it stops
    errorWindow.ifPresent(w -> w.record(request.error().isPresent()));
  }

  @Override
  public void recordSession(SessionRecord session) {
    recorder.recordSession(session);
  }
}
