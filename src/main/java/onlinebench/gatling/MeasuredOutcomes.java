package onlinebench.gatling;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import java.util.Optional;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import scala.Option;

/**
 * Hands a measured request to our recorder and to Gatling's stats, so the HTML report, the console
 * and Gatling assertions see it. Gatling's entries are timed from the send, in its whole
 * milliseconds; our recorder keeps the nanoseconds.
 */
final class MeasuredOutcomes implements OutcomeSink {
  /** The built-in benchmark's report entry for the time to first token of streamed requests. */
  static final String TTFT_ENTRY = "TTFT";

  private final String requestName;
  private final String ttftEntry;
  private final boolean kindInMessage;
  private final boolean stream;
  private final StatsEngine stats;
  private final Optional<RequestSink> recorder;

  /**
   * @param ttftEntry the report entry for streamed requests' time to first token: {@value
   *     #TTFT_ENTRY} for the benchmark, {@code "<name> TTFT"} for a scenario's chat actions
   * @param kindInMessage whether a KO's message starts with its error kind ({@code bad_response:
   *     check failed: ...}), so Gatling's error list sorts a scenario's failures as our summary
   *     does; the benchmark keeps its messages as they were
   */
  MeasuredOutcomes(
      String requestName,
      String ttftEntry,
      boolean kindInMessage,
      boolean stream,
      StatsEngine stats,
      Optional<RequestSink> recorder) {
    this.requestName = requestName;
    this.ttftEntry = ttftEntry;
    this.kindInMessage = kindInMessage;
    this.stream = stream;
    this.stats = stats;
    this.recorder = recorder;
  }

  @Override
  public void sending(long startNanos) {
    recorder.ifPresent(r -> r.requestStarting(startNanos));
  }

  @Override
  public void accept(Session session, long startMillis, RequestRecord record) {
    Option<String> code =
        record.httpStatus() == 0
            ? Option.empty()
            : Option.apply(Integer.toString(record.httpStatus()));
    Option<String> message =
        record.ok()
            ? Option.empty()
            : Option.apply(
                kindInMessage
                    ? record.error().get().key() + ": " + record.errorMessage()
                    : record.errorMessage());
    if (stream) {
      var ttft = record.timeToFirstTokenNanos();
      long ttftEnd =
          startMillis + (ttft.isPresent() ? millis(ttft.getAsLong()) : millis(record.e2eNanos()));
      stats.logResponse(
          session.scenario(),
          session.groups(),
          ttftEntry,
          startMillis,
          ttftEnd,
          ttft.isPresent() ? OK$.MODULE$ : KO$.MODULE$,
          code,
          ttft.isPresent() ? Option.empty() : message);
    }
    Status status = record.ok() ? OK$.MODULE$ : KO$.MODULE$;
    stats.logResponse(
        session.scenario(),
        session.groups(),
        requestName,
        startMillis,
        startMillis + millis(record.e2eNanos()),
        status,
        code,
        message);
    recorder.ifPresent(r -> r.record(record));
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }
}
