package onlinebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {
  private static final long MS = 1_000_000;
  // an arbitrary nanoTime origin, as System.nanoTime() has one
  private static final long T0 = 7_345_678_912_345L;

  private static RequestRecord ok(long startMs, long endMs, long in, long out) {
    return RequestRecord.completed(
        T0 + startMs * MS, T0 + endMs * MS, OptionalLong.of(in), OptionalLong.of(out));
  }

  private static RequestRecord failed(long startMs, long endMs, ErrorKind kind) {
    return RequestRecord.failed(T0 + startMs * MS, T0 + endMs * MS, 0, kind, "x");
  }

  @Test
  void countsAPlainAnswerInTheSecondItFinished() {
    TimeSeries series = new TimeSeries();
    series.noteStart(T0);
    series.record(ok(0, 400, 100, 10));
    series.record(ok(100, 999, 100, 20));
    series.record(ok(200, 1_000, 100, 30));
    series.record(ok(300, 2_500, 50, 5));

    TimeSeries.Snapshot s = series.snapshot();
    assertThat(s.seconds()).isEqualTo(3);
    assertThat(s.completed()).containsExactly(2, 1, 1);
    assertThat(s.outputTokens()).containsExactly(30, 30, 5);
    assertThat(s.totalTokens()).containsExactly(230, 130, 55);
  }

  private static RequestRecord streamed(long startMs, long in, long out, long... chunkMs) {
    long[] chunks = Arrays.stream(chunkMs).map(ms -> T0 + ms * MS).toArray();
    return RequestRecord.streamed(
        T0 + startMs * MS, chunks, OptionalLong.of(in), OptionalLong.of(out));
  }

  @Test
  void countsAStreamsOutputTokensInTheSecondEachChunkArrived() {
    TimeSeries series = new TimeSeries();
    series.noteStart(T0);
    // four tokens over three seconds, the request ending in the third
    series.record(streamed(0, 100, 4, 500, 900, 1_500, 2_100));

    TimeSeries.Snapshot s = series.snapshot();
    assertThat(s.outputTokens()).containsExactly(2, 1, 1);
    assertThat(s.completed()).containsExactly(0, 0, 1);
    // prompt tokens count when the request finished, as before
    assertThat(s.totalTokens()).containsExactly(2, 1, 101);
  }

  @Test
  void spreadsAServerCountUnlikeTheChunksOverThemKeepingTheTotal() {
    TimeSeries series = new TimeSeries();
    series.noteStart(T0);
    // 10 tokens in 3 chunks (3, 3, 4), and 2 tokens in 3 chunks (0, 1, 1)
    series.record(streamed(0, 0, 10, 100, 1_100, 2_100));
    series.record(streamed(0, 0, 2, 200, 1_200, 2_200));

    TimeSeries.Snapshot s = series.snapshot();
    assertThat(s.outputTokens()).containsExactly(3, 4, 5);
    assertThat(Arrays.stream(s.outputTokens()).sum()).isEqualTo(12);
  }

  @Test
  void countsFailuresByKindInTheSecondTheyFailed() {
    TimeSeries series = new TimeSeries();
    series.noteStart(T0);
    series.record(failed(0, 1_500, ErrorKind.HTTP_5XX));
    series.record(failed(0, 1_600, ErrorKind.HTTP_5XX));
    series.record(failed(0, 3_100, ErrorKind.TIMEOUT));
    series.record(ok(0, 100, 1, 1));

    TimeSeries.Snapshot s = series.snapshot();
    assertThat(s.failed().get(ErrorKind.HTTP_5XX)).containsExactly(0, 2, 0, 0);
    assertThat(s.failed().get(ErrorKind.TIMEOUT)).containsExactly(0, 0, 0, 1);
    assertThat(s.failed().get(ErrorKind.CONNECTION)).containsExactly(0, 0, 0, 0);
    assertThat(s.completed()).containsExactly(1, 0, 0, 0);
    assertThat(s.outputTokens()).containsExactly(1, 0, 0, 0);
  }

  @Test
  void inFlightIsTheTimeWeightedMeanOfEachSecond() {
    TimeSeries series = new TimeSeries();
    series.noteStart(T0);
    // 0.5 s to 2.25 s: half of second 0, all of second 1, a quarter of second 2
    series.record(ok(500, 2_250, 1, 1));
    // 0 to 4 s: every second of four
    series.record(ok(0, 4_000, 1, 1));
    // inside second 3: 0.1 s
    series.record(failed(3_200, 3_300, ErrorKind.CONNECTION));

    double[] inFlight = series.snapshot().inFlight();
    assertThat(inFlight).hasSize(5);
    assertThat(inFlight[0]).isCloseTo(1.5, within(1e-9));
    assertThat(inFlight[1]).isCloseTo(2.0, within(1e-9));
    assertThat(inFlight[2]).isCloseTo(1.25, within(1e-9));
    assertThat(inFlight[3]).isCloseTo(1.1, within(1e-9));
    assertThat(inFlight[4]).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void longRequestsCoverEverySecondBetweenTheirEnds() {
    TimeSeries series = new TimeSeries();
    series.noteStart(T0);
    // spans two counter blocks
    series.record(ok(0, 150_000, 1, 1));
    double[] inFlight = series.snapshot().inFlight();
    assertThat(inFlight).hasSize(151);
    assertThat(Arrays.copyOf(inFlight, 150)).containsOnly(1.0);
    assertThat(inFlight[150]).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void aRequestStartedJustBeforeSecondZeroCountsFromSecondZero() {
    TimeSeries series = new TimeSeries();
    series.noteStart(T0 + 5 * MS);
    series.record(ok(0, 505, 1, 1));
    TimeSeries.Snapshot s = series.snapshot();
    assertThat(s.completed()).containsExactly(1);
    assertThat(s.inFlight()[0]).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void bucketsAddUpToTheRecordersSummaryFromManyThreads() throws Exception {
    RunRecorder recorder = new RunRecorder();
    List<RequestRecord> requests = new ArrayList<>();
    Random random = new Random(3);
    ErrorKind[] kinds = ErrorKind.values();
    for (int i = 0; i < 20_000; i++) {
      long start = random.nextInt(30_000);
      long end = start + 1 + random.nextInt(5_000);
      requests.add(
          random.nextInt(10) == 0
              ? failed(start, end, kinds[random.nextInt(kinds.length)])
              : ok(start, end, 1 + random.nextInt(100), 1 + random.nextInt(100)));
    }
    recorder.requestStarting(T0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    requests.forEach(r -> pool.execute(() -> recorder.record(r)));
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    Summary summary = recorder.summarize();
    TimeSeries.Snapshot s = recorder.timeSeries();
    assertThat(Arrays.stream(s.completed()).sum()).isEqualTo(summary.completed());
    assertThat(Arrays.stream(s.outputTokens()).sum()).isEqualTo(summary.totalOutputTokens());
    assertThat(Arrays.stream(s.totalTokens()).sum())
        .isEqualTo(summary.totalInputTokens() + summary.totalOutputTokens());
    for (ErrorKind kind : kinds) {
      assertThat(Arrays.stream(s.failed().get(kind)).sum())
          .as("failed %s", kind)
          .isEqualTo(summary.errors().get(kind));
    }
    // mean in flight over the run times its length = the sum of every request's duration
    double busySeconds = requests.stream().mapToLong(RequestRecord::e2eNanos).sum() / 1e9;
    assertThat(Arrays.stream(s.inFlight()).sum()).isCloseTo(busySeconds, within(1e-3));
  }

  @Test
  void memoryGrowsWithSecondsNotRequests() {
    // 10,000 requests at 500 req/s (20 s), then ten times as many in the same seconds
    TimeSeries series = new TimeSeries();
    series.noteStart(T0);
    RequestRecord[] requests = new RequestRecord[10_000];
    for (int i = 0; i < requests.length; i++) {
      long start = i * 2L;
      requests[i] = ok(start, start + 900, 64, 16);
    }
    for (RequestRecord r : requests) {
      series.record(r);
    }
    assertThat(series.allocatedBlocks()).isEqualTo(1);

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int round = 0; round < 10; round++) {
      for (RequestRecord r : requests) {
        series.record(r);
      }
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(series.allocatedBlocks()).isEqualTo(1);
    assertThat(allocated)
        .as("bytes allocated recording 100,000 requests into existing seconds")
        .isLessThan(100_000);
    assertThat(Arrays.stream(series.snapshot().completed()).sum()).isEqualTo(110_000);
  }
}
