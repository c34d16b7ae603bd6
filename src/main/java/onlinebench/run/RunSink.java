package onlinebench.run;

import java.util.Optional;
import onlinebench.metrics.RequestRecord;
import onlinebench.metrics.RequestSink;
import onlinebench.metrics.RunRecorder;
import onlinebench.report.RequestLog;

/** Sends every measured request to the run's recorder and, when asked for, to requests.jsonl. */
final class RunSink implements RequestSink {
  private final RunRecorder recorder;
  private final Optional<RequestLog> log;

  RunSink(RunRecorder recorder, Optional<RequestLog> log) {
    this.recorder = recorder;
    this.log = log;
  }

  @Override
  public void requestStarting(long startNanos) {
    recorder.requestStarting(startNanos);
  }

  @Override
  public void record(RequestRecord request) {
    recorder.record(request);
    log.ifPresent(l -> l.append(request));
  }
}
