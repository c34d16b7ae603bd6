package onlinebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import onlinebench.record.SessionRecord;
import org.junit.jupiter.api.Test;

/** Sessions, figures by turn index, and the prefix cache, as the run recorder sums them. */
class SessionFiguresTest {
  private static final long MS = 1_000_000;

  /** A streamed success: first token after {@code ttftMs}, last at {@code e2eMs}. */
  private static RequestRecord turn(int index, long ttftMs, long e2eMs, long prompt, long cached) {
    return RequestRecord.streamed(
            0, new long[] {ttftMs * MS, e2eMs * MS}, OptionalLong.of(prompt), OptionalLong.of(2))
        .withCachedTokens(cached)
        .withTurn(index);
  }

  @Test
  void aRunWithoutSessionsHasNoSessionFiguresAndAnUnreportedCache() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(RequestRecord.completed(0, 10 * MS, OptionalLong.of(100), OptionalLong.of(5)));
    Summary s = recorder.summarize();
    assertThat(s.sessions()).isNull();
    assertThat(s.prefixCache().hitRate()).as("not reported, never 0").isEmpty();
    assertThat(s.prefixCache().totalCachedTokens()).isEmpty();
  }

  @Test
  void eachTurnIndexHasItsOwnRequestsLatenciesAndTokens() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(turn(1, 100, 200, 100, 0));
    recorder.record(turn(1, 120, 220, 110, 0));
    recorder.record(turn(2, 40, 150, 300, 256));
    recorder.record(RequestRecord.failed(0, 5 * MS, 500, ErrorKind.HTTP_5XX, "boom").withTurn(2));

    SessionStats s = recorder.summarize().sessions();

    assertThat(s.perTurn()).hasSize(2);
    TurnStats first = s.perTurn().get(0);
    TurnStats second = s.perTurn().get(1);
    assertThat(first.turn()).isEqualTo(1);
    assertThat(first.requests()).isEqualTo(2);
    assertThat(first.meanPromptTokens()).isEqualTo(105.0);
    assertThat(first.meanCachedTokens()).isEqualTo(0.0);
    assertThat(first.ttft().count()).isEqualTo(2);
    assertThat(second.requests()).as("the failed turn counts as sent").isEqualTo(2);
    assertThat(second.e2el().count()).as("latency over successes only").isEqualTo(1);
    assertThat(second.ttft().medianMs()).isBetween(39.9, 40.1);
    assertThat(second.meanCachedTokens()).isEqualTo(256.0);
  }

  @Test
  void theHitRateIsTokenWeightedOverTheAnswersThatReportedACount() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(turn(1, 10, 20, 100, 0));
    recorder.record(turn(2, 10, 20, 300, 256));
    // a server that said nothing of its cache: left out of numerator and denominator
    recorder.record(RequestRecord.completed(0, 10 * MS, OptionalLong.of(1000), OptionalLong.of(2)));

    PrefixCacheTotals cache = recorder.summarize().prefixCache();

    assertThat(cache.totalCachedTokens()).hasValue(256);
    assertThat(cache.hitRate()).hasValue(256.0 / 400);
    assertThat(cache.requests()).isEqualTo(2);
  }

  @Test
  void sessionsCountCompletedAndFailedTurnsAndDuration() {
    RunRecorder recorder = new RunRecorder();
    recorder.recordSession(new SessionRecord(0, 1_000 * MS, 4, false));
    recorder.recordSession(new SessionRecord(0, 3_000 * MS, 2, true));

    SessionStats s = recorder.summarize().sessions();

    assertThat(s.completed()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.meanTurns()).isEqualTo(3.0);
    assertThat(s.duration().count()).isEqualTo(2);
    assertThat(s.duration().maxMs()).isBetween(2_990.0, 3_010.0);
  }

  @Test
  void aFrozenRecorderCountsNoMoreSessions() {
    RunRecorder recorder = new RunRecorder();
    recorder.recordSession(new SessionRecord(0, MS, 1, false));
    recorder.freeze();
    recorder.recordSession(new SessionRecord(0, MS, 1, false));
    assertThat(recorder.summarize().sessions().completed()).isEqualTo(1);
  }
}
