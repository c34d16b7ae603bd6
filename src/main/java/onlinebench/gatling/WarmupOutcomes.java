package onlinebench.gatling;

import io.gatling.core.session.Session;
import java.util.Optional;
import onlinebench.metrics.RunRecorder;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.PromptCalibration;
import onlinebench.prompt.PromptFeeder;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import scala.Option;

/**
 * Where warmup requests go: into a scratch sink that nobody reads (a recorder of its own, or the
 * one given), never into the run's figures or Gatling's stats, and, when the server counted the
 * prompt, to the prompt calibration. Recording them anyway makes the JIT compile the recording path
 * during warmup; otherwise it would compile while the first measured requests finish, and show in
 * their timings.
 */
final class WarmupOutcomes implements OutcomeSink {
  private final RequestSink scratch;
  private final Optional<PromptCalibration> calibration;

  WarmupOutcomes(Optional<PromptCalibration> calibration, Optional<RequestSink> scratch) {
    this.calibration = calibration;
    this.scratch = scratch.orElseGet(RunRecorder::new);
  }

  @Override
  public void sending(long startNanos) {
    scratch.requestStarting(startNanos);
  }

  @Override
  public void accept(Session session, long startMillis, RequestRecord record) {
    scratch.record(record);
    if (calibration.isPresent() && record.ok() && record.promptTokens().isPresent()) {
      Option<Object> prompt = session.attributes().get(PromptFeeder.PROMPT_ATTRIBUTE);
      if (prompt.isDefined() && prompt.get() instanceof ChatPrompt sent) {
        calibration.get().observe(sent, record.promptTokens().getAsLong());
      }
    }
  }
}
