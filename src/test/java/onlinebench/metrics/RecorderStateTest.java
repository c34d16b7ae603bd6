package onlinebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;
import onlinebench.record.SessionRecord;
import org.junit.jupiter.api.Test;

class RecorderStateTest {
  private static final long MS = 1_000_000;
  private static final ClockAnchor CLOCK = new ClockAnchor(1_700_000_000_000_000_000L, 0);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Streamed successes of varied latency and length, some failures of several kinds; each the turn
   * 1 + i % 4 of a session, every third success with a cached count.
   */
  private static List<RequestRecord> requests(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<RequestRecord> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long start = random.nextLong(0, 5_000) * MS;
      if (i % 17 == 3) {
        ErrorKind kind = i % 2 == 0 ? ErrorKind.HTTP_5XX : ErrorKind.TIMEOUT;
        requests.add(
            RequestRecord.failed(start, start + 40 * MS, 500, kind, "boom").withTurn(1 + i % 4));
        continue;
      }
      long first = start + random.nextLong(20, 400) * MS;
      int tokens = random.nextInt(2, 40);
      long[] chunks = new long[tokens];
      long t = first;
      for (int k = 0; k < tokens; k++) {
        chunks[k] = t;
        t += random.nextLong(1, 30) * MS + random.nextLong(0, 999_999);
      }
      // every fifth reasons first: its first chunks are reasoning; every tenth's server counts them
      int reasoning = i % 5 == 0 ? tokens / 2 : 0;
      requests.add(
          new RequestRecord(
                  start,
                  t,
                  OptionalLong.of(first),
                  chunks,
                  OptionalLong.of(random.nextLong(100, 2_000)),
                  OptionalLong.of(tokens),
                  200,
                  Optional.empty(),
                  "",
                  Optional.empty(),
                  java.util.OptionalInt.empty(),
                  start,
                  false,
                  OptionalLong.of(chunks[reasoning]),
                  reasoning,
                  i % 10 == 0 ? OptionalLong.of(reasoning) : OptionalLong.empty(),
                  OptionalLong.empty(),
                  0)
              .withRequestedMaxTokens(40)
              .withIntendedStart(start - random.nextLong(0, 3) * MS)
              .withTurn(1 + i % 4)
              .withCachedTokens(i % 3 == 0 ? random.nextLong(0, 100) : 0));
    }
    return requests;
  }

  private static RunRecorder recorder(List<RequestRecord> requests) {
    RunRecorder recorder = new RunRecorder(Optional.of(r -> r.e2eNanos() < 500 * MS), CLOCK);
    requests.forEach(
        r -> {
          recorder.requestStarting(r.startNanos());
          recorder.record(r);
          if (r.turn() == 4) {
            recorder.recordSession(
                new SessionRecord(r.startNanos() - 900 * MS, r.endNanos(), 4, !r.ok()));
          }
        });
    return recorder;
  }

  @Test
  void aStateWrittenAndReadBackGivesTheSameSummary() throws Exception {
    List<RequestRecord> requests = requests(400, 1);
    RecorderState state = recorder(requests).snapshot();

    String text = JSON.writeValueAsString(RecorderStateJson.toJson(state));
    RecorderState read = RecorderStateJson.fromJson(JSON.readTree(text));

    assertThat(read.summary()).isEqualTo(state.summary());
    assertThat(read.distributions()).isEqualTo(state.distributions());
    assertThat(read.firstSendEpochNanos()).isEqualTo(state.firstSendEpochNanos());
    assertThat(read.summary().completed()).isEqualTo(376);
    assertThat(read.summary().goodput()).isNotNull();
    ReasoningStats reasoning = read.summary().reasoning();
    long reasoned = requests.stream().filter(r -> r.ok() && r.reasoningChunks() > 0).count();
    assertThat(reasoned).isPositive();
    assertThat(reasoning.requests()).isEqualTo(reasoned);
    assertThat(reasoning.countedFromChunks())
        .isEqualTo(
            requests.stream().filter(RequestRecord::reasoningTokensCountedFromChunks).count());
    assertThat(reasoning.time().count()).isEqualTo(reasoned);
    SessionStats sessions = read.summary().sessions();
    assertThat(sessions).isNotNull();
    assertThat(sessions.perTurn()).extracting(TurnStats::turn).containsExactly(1, 2, 3, 4);
    assertThat(sessions.ended()).isEqualTo(100);
    assertThat(read.summary().prefixCache().hitRate()).isPresent();
  }

  @Test
  void twoGeneratorsAddUpToTheRunThatMadeAllTheirRequests() throws Exception {
    List<RequestRecord> a = requests(300, 2);
    List<RequestRecord> b = requests(200, 3);
    List<RequestRecord> all = new ArrayList<>(a);
    all.addAll(b);

    RecorderState merged = recorder(a).snapshot().plus(recorder(b).snapshot());

    Summary whole = recorder(all).summarize();
    assertThat(merged.summary()).isEqualTo(whole);
    assertThat(merged.summary().total()).isEqualTo(500);
    assertThat(merged.summary().reasoning().totalTokens())
        .isEqualTo(
            recorder(a).summarize().reasoning().totalTokens()
                + recorder(b).summarize().reasoning().totalTokens())
        .isPositive();
    assertThat(merged.summary().errors().get(ErrorKind.TIMEOUT))
        .isEqualTo(
            recorder(a).summarize().errors().get(ErrorKind.TIMEOUT)
                + recorder(b).summarize().errors().get(ErrorKind.TIMEOUT));
    assertThat(merged.summary().sessions().perTurn().stream().mapToLong(TurnStats::requests).sum())
        .as("every request is one turn's")
        .isEqualTo(500);
    assertThat(merged.summary().prefixCache())
        .isEqualTo(
            recorder(a).summarize().prefixCache().plus(recorder(b).summarize().prefixCache()));
  }

  @Test
  void durationRunsFromTheEarliestSendToTheLatestEndOnTheWallClock() {
    RunRecorder early = new RunRecorder(Optional.empty(), CLOCK);
    early.record(RequestRecord.completed(0, 100 * MS, OptionalLong.empty(), OptionalLong.empty()));
    // another machine, its nanoTime unrelated, whose run started 1 s later on the wall clock
    RunRecorder late =
        new RunRecorder(Optional.empty(), new ClockAnchor(CLOCK.epochNanos() + 1_000 * MS, 42));
    late.record(
        RequestRecord.completed(42, 42 + 500 * MS, OptionalLong.empty(), OptionalLong.empty()));

    Summary merged = early.snapshot().plus(late.snapshot()).summary();

    assertThat(merged.durationSeconds()).isEqualTo(1.5);
    assertThat(merged.goodput()).isNull();
  }

  @Test
  void anEmptyRunHasNoFiguresAndMergesAsNothing() throws Exception {
    RecorderState empty = new RunRecorder(Optional.of(r -> true), CLOCK).snapshot();
    RecorderState read =
        RecorderStateJson.fromJson(
            JSON.readTree(JSON.writeValueAsString(RecorderStateJson.toJson(empty))));
    assertThat(read.summary()).isEqualTo(empty.summary());
    assertThat(read.summary().latency(LatencyMetric.E2EL)).isNull();
    RecorderState some = recorder(requests(10, 4)).snapshot();
    assertThat(some.plus(read).summary()).isEqualTo(some.summary());
  }

  @Test
  void rejectsAFileOfAnotherFormat() {
    assertThatThrownBy(() -> RecorderStateJson.fromJson(JSON.readTree("{\"format\":\"x\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("format must be");
  }
}
