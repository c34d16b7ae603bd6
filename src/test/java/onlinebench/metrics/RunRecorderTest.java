package onlinebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class RunRecorderTest {
  private static final long MS = 1_000_000;

  private static RequestRecord ok(long startMs, long endMs, long in, long out) {
    return RequestRecord.completed(
        startMs * MS, endMs * MS, OptionalLong.of(in), OptionalLong.of(out));
  }

  @Test
  void reportsInputTokensPerRequestAndOutputAgainstMaxTokens() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(ok(0, 100, 1000, 64).withRequestedMaxTokens(64));
    recorder.record(ok(0, 100, 1030, 30).withRequestedMaxTokens(64));
    recorder.record(ok(0, 100, 1000, 10).withRequestedMaxTokens(32));
    recorder.record(RequestRecord.failed(0, 5, 500, ErrorKind.HTTP_5XX, "boom"));
    LengthStats l = recorder.summarize().lengths();
    assertThat(l.meanInputTokens()).hasValue(1010.0);
    assertThat(l.minInputTokens()).hasValue(1000);
    assertThat(l.maxInputTokens()).hasValue(1030);
    assertThat(l.meanRequestedOutputTokens()).hasValue(160 / 3.0);
    assertThat(l.meanOutputTokens()).hasValue(104 / 3.0);
    assertThat(l.outputDeviation().getAsDouble()).isCloseTo(104.0 / 160 - 1, within(1e-12));
  }

  @Test
  void lengthsAreAbsentWithoutUsage() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(RequestRecord.completed(0, MS, OptionalLong.empty(), OptionalLong.empty()));
    LengthStats l = recorder.summarize().lengths();
    assertThat(l.meanInputTokens()).isEmpty();
    assertThat(l.minInputTokens()).isEmpty();
    assertThat(l.meanRequestedOutputTokens()).as("nothing asked for is known").isEmpty();
    assertThat(l.outputDeviation()).isEmpty();
  }

  @Test
  void countsOkAndFailedAndTheyAddUp() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(ok(0, 100, 10, 20));
    recorder.record(RequestRecord.failed(0, 50 * MS, 503, ErrorKind.HTTP_5XX, "HTTP 503"));
    recorder.record(RequestRecord.failed(0, 60 * MS, 0, ErrorKind.TIMEOUT, "timeout"));
    Summary s = recorder.summarize();
    assertThat(s.completed()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(2);
    assertThat(s.errors().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.failed());
    assertThat(s.errors())
        .containsEntry(ErrorKind.HTTP_5XX, 1L)
        .containsEntry(ErrorKind.TIMEOUT, 1L)
        .containsEntry(ErrorKind.CONNECTION, 0L);
  }

  @Test
  void throughputDividesByFirstSendToLastResponse() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(ok(1_000, 1_500, 100, 10));
    recorder.record(ok(1_200, 3_000, 100, 30));
    Summary s = recorder.summarize();
    assertThat(s.durationSeconds()).isCloseTo(2.0, within(1e-9));
    assertThat(s.requestThroughput()).isCloseTo(1.0, within(1e-9));
    assertThat(s.outputThroughput()).isCloseTo(20.0, within(1e-9));
    assertThat(s.totalTokenThroughput()).isCloseTo(120.0, within(1e-9));
    assertThat(s.totalInputTokens()).isEqualTo(200);
    assertThat(s.totalOutputTokens()).isEqualTo(40);
  }

  @Test
  void latencyPercentilesComeFromTheHistogram() {
    RunRecorder recorder = new RunRecorder();
    for (int i = 1; i <= 100; i++) {
      recorder.record(ok(0, i, 1, 1));
    }
    LatencyStats e2e = recorder.summarize().latency(LatencyMetric.E2EL);
    assertThat(e2e.count()).isEqualTo(100);
    assertThat(e2e.medianMs()).isCloseTo(50, within(0.1));
    assertThat(e2e.p99Ms()).isCloseTo(99, within(0.1));
    assertThat(e2e.meanMs()).isCloseTo(50.5, within(0.1));
    assertThat(e2e.minMs()).isCloseTo(1, within(0.01));
    assertThat(e2e.maxMs()).isCloseTo(100, within(0.1));
  }

  @Test
  void responsesWithoutUsageAreCountedAndAddNoTokens() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(RequestRecord.completed(0, MS, OptionalLong.empty(), OptionalLong.empty()));
    recorder.record(ok(0, 1, 5, 6));
    Summary s = recorder.summarize();
    assertThat(s.missingUsage()).isEqualTo(1);
    assertThat(s.totalInputTokens()).isEqualTo(5);
    assertThat(s.totalOutputTokens()).isEqualTo(6);
  }

  @Test
  void streamingMetricsFollowVllmDefinitions() {
    RunRecorder recorder = new RunRecorder();
    // sent at 0, tokens at 200, 220, 240, 260 ms; usage says 4 output tokens
    long[] chunks = {200 * MS, 220 * MS, 240 * MS, 260 * MS};
    recorder.record(RequestRecord.streamed(0, chunks, OptionalLong.of(10), OptionalLong.of(4)));
    Summary s = recorder.summarize();
    assertThat(s.latency(LatencyMetric.TTFT).medianMs()).isCloseTo(200, within(0.2));
    assertThat(s.latency(LatencyMetric.TPOT).medianMs()).isCloseTo(20, within(0.02));
    assertThat(s.latency(LatencyMetric.ITL).count()).isEqualTo(3);
    assertThat(s.latency(LatencyMetric.ITL).medianMs()).isCloseTo(20, within(0.02));
  }

  @Test
  void perRequestOutputRateIsTokensOverE2e() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(ok(0, 500, 1, 100)); // 200 tok/s
    recorder.record(ok(0, 1_000, 1, 100)); // 100 tok/s
    RateStats rate = recorder.summarize().requestOutputThroughput();
    assertThat(rate.count()).isEqualTo(2);
    assertThat(rate.mean()).isCloseTo(150, within(0.5));
    assertThat(rate.min()).isCloseTo(100, within(0.1));
  }

  @Test
  void countsStreamsWhoseUsageDisagreesWithTheirChunks() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(
        RequestRecord.streamed(
            0, new long[] {MS, 2 * MS, 3 * MS}, OptionalLong.of(1), OptionalLong.of(6)));
    assertThat(recorder.summarize().usageChunkMismatches()).isEqualTo(1);
  }

  @Test
  void frozenRecorderCountsNothingMoreAndReportsTheInFlightAsUnfinished() {
    RunRecorder recorder = new RunRecorder();
    recorder.requestStarting(0);
    recorder.requestStarting(0);
    recorder.requestStarting(0);
    recorder.record(ok(0, 10, 1, 1));
    recorder.freeze();
    recorder.record(ok(0, 20, 1, 1));
    recorder.requestStarting(30);
    Summary s = recorder.summarize();
    assertThat(s.completed()).isEqualTo(1);
    assertThat(s.unfinished()).isEqualTo(2);
  }

  @Test
  void nothingMeasuredGivesNoLatencyFigures() {
    Summary s = new RunRecorder().summarize();
    assertThat(s.latency(LatencyMetric.E2EL)).isNull();
    assertThat(s.durationSeconds()).isZero();
    assertThat(s.requestThroughput()).isZero();
  }

  @Test
  void progressReportsDoneFailedAndTokens() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(ok(0, 100, 10, 20));
    recorder.record(RequestRecord.failed(0, 50 * MS, 500, ErrorKind.HTTP_5XX, "x"));
    ProgressSnapshot p = recorder.progress(1_000 * MS);
    assertThat(p.done()).isEqualTo(2);
    assertThat(p.failed()).isEqualTo(1);
    assertThat(p.outputTokens()).isEqualTo(20);
    assertThat(p.totalTokens()).isEqualTo(30);
    assertThat(p.elapsedNanos()).isEqualTo(1_000 * MS);
  }

  @Test
  void measuresLatencyFromTheIntendedSendAndTheSendLag() {
    RunRecorder recorder = new RunRecorder();
    // meant for 0 ms, sent at 30 ms (every user busy), answered at 130 ms
    recorder.record(ok(30, 130, 1, 10).withIntendedStart(0));
    Summary s = recorder.summarize();
    assertThat(s.latency(LatencyMetric.E2EL).medianMs()).isCloseTo(100, within(0.1));
    assertThat(s.load().e2elFromIntended().medianMs()).isCloseTo(130, within(0.2));
    assertThat(s.load().sendLag().maxMs()).isCloseTo(30, within(0.05));
  }

  @Test
  void inTheClosedModelLatencyFromTheIntendedSendIsTheLatency() {
    RunRecorder recorder = new RunRecorder();
    recorder.record(ok(30, 130, 1, 10));
    Summary s = recorder.summarize();
    assertThat(s.load().e2elFromIntended().medianMs())
        .isEqualTo(s.latency(LatencyMetric.E2EL).medianMs());
    assertThat(s.load().sendLag().maxMs()).isZero();
  }

  @Test
  void countsRequestsThatEndAfterTheDeadlineAsInFlightAtTheEnd() {
    RunRecorder recorder = new RunRecorder();
    recorder.deadline(1_000 * MS);
    recorder.record(ok(0, 900, 1, 10));
    recorder.record(ok(950, 1_200, 1, 10));
    recorder.record(RequestRecord.failed(990 * MS, 1_100 * MS, 503, ErrorKind.HTTP_5XX, "busy"));
    recorder.ticketTakenLate();
    Summary s = recorder.summarize();
    assertThat(s.load().inFlightAtEnd()).isEqualTo(2);
    assertThat(s.completed() + s.failed()).as("counted like any other").isEqualTo(3);
    assertThat(s.latency(LatencyMetric.E2EL).count()).as("their latencies count").isEqualTo(2);
    assertThat(s.load().lateTickets()).isEqualTo(1);
  }

  /** A stream: {@code reasoning} reasoning-only chunks 10 ms apart from 100 ms, then 2 answers. */
  private static RequestRecord reasoned(int reasoning, OptionalLong serverCount) {
    long[] chunks = new long[reasoning + 2];
    for (int k = 0; k < chunks.length; k++) {
      chunks[k] = (100 + 10L * k) * MS;
    }
    return new RequestRecord(
        0,
        chunks[chunks.length - 1],
        OptionalLong.of(chunks[0]),
        chunks,
        OptionalLong.of(5),
        OptionalLong.of(chunks.length),
        200,
        Optional.empty(),
        "",
        Optional.empty(),
        OptionalInt.empty(),
        0,
        false,
        OptionalLong.of(chunks[reasoning]),
        reasoning,
        serverCount,
        OptionalLong.empty(),
        0);
  }

  @Test
  void reasoningTokensAddUpAndSayWhereTheyCameFrom() {
    RunRecorder r = new RunRecorder();
    r.record(reasoned(4, OptionalLong.of(40))); // the server counted 40 (several per chunk)
    r.record(reasoned(6, OptionalLong.empty())); // counted from its 6 chunks
    r.record(reasoned(0, OptionalLong.of(0))); // did not reason
    r.record(RequestRecord.failed(0, MS, 500, ErrorKind.HTTP_5XX, "x"));

    ReasoningStats reasoning = r.summarize().reasoning();

    assertThat(reasoning.totalTokens()).isEqualTo(46);
    assertThat(reasoning.requests()).isEqualTo(2);
    assertThat(reasoning.countedFromChunks()).isEqualTo(1);
    assertThat(reasoning.any()).isTrue();
  }

  @Test
  void reasoningTimeIsEachRequestsTtfoMinusTtft() {
    RunRecorder r = new RunRecorder();
    r.record(reasoned(4, OptionalLong.empty())); // 40 ms
    r.record(reasoned(6, OptionalLong.empty())); // 60 ms
    r.record(reasoned(0, OptionalLong.empty())); // no reasoning: no reasoning time

    Summary s = r.summarize();

    assertThat(s.reasoning().time().count()).isEqualTo(2);
    assertThat(s.reasoning().time().meanMs()).isCloseTo(50, within(0.1));
    assertThat(s.latency(LatencyMetric.TTFO).count()).isEqualTo(3);
    assertThat(s.latency(LatencyMetric.TTFT).maxMs()).isCloseTo(100, within(0.1));
    assertThat(s.latency(LatencyMetric.TTFO).maxMs()).isCloseTo(160, within(0.2));
  }

  @Test
  void aRunWithoutReasoningSaysNothingAboutIt() {
    RunRecorder r = new RunRecorder();
    r.record(ok(0, 100, 5, 7));
    assertThat(r.summarize().reasoning()).isEqualTo(new ReasoningStats(0, 0, 0, null));
    assertThat(r.summarize().reasoning().any()).isFalse();
  }
}
