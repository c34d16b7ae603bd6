package onlinebench.metrics;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import onlinebench.record.RequestRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per {@link RunRecorder#record} of one finished request: a stream of {@value #TOKENS}
 * token chunks (E2E, TTFT, TPOT, per-request rate and {@value #TOKENS} - 1 ITL values) and a
 * non-streamed answer (E2E and rate). The latencies vary from record to record over a realistic
 * range so the histograms' buckets are not always the same. The {@code contended} variants record
 * from two threads into one recorder, as two event loops do.
 *
 * <p>Lives in test scope; surefire skips it (no {@code Test} in its name). Run with {@code
 * benchmarks/recorder-jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RunRecorderBenchmark {
  static final int TOKENS = 256;
  private static final int VARIANTS = 64;
  private static final long MS = 1_000_000;

  private final RunRecorder recorder = new RunRecorder();
  private final RequestRecord[] streamed = new RequestRecord[VARIANTS];
  private final RequestRecord[] plain = new RequestRecord[VARIANTS];

  @Setup
  public void setUp() {
    java.util.Random random = new java.util.Random(1);
    for (int v = 0; v < VARIANTS; v++) {
      long start = 1_000 * MS + v * 7 * MS;
      long[] chunks = new long[TOKENS];
      long t = start + 150 * MS + random.nextInt(100) * MS; // TTFT 150-250 ms
      for (int i = 0; i < TOKENS; i++) {
        t += 15 * MS + random.nextInt(10 * (int) MS); // ITL 15-25 ms
        chunks[i] = t;
      }
      streamed[v] =
          RequestRecord.streamed(start, chunks, OptionalLong.of(1024), OptionalLong.of(TOKENS))
              .withRequestId("chatcmpl-" + v);
      plain[v] =
          RequestRecord.completed(
              start,
              start + 2_000 * MS + random.nextInt(1_000) * MS,
              OptionalLong.of(1024),
              OptionalLong.of(TOKENS));
    }
  }

  /** Per thread: which of the prepared records comes next. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int take() {
      next = (next + 1) & (VARIANTS - 1);
      return next;
    }
  }

  @Benchmark
  public void streamed256Tokens(Cursor cursor) {
    recorder.record(streamed[cursor.take()]);
  }

  @Benchmark
  public void nonStreamed(Cursor cursor) {
    recorder.record(plain[cursor.take()]);
  }

  @Benchmark
  @Threads(2)
  public void streamed256TokensContended(Cursor cursor) {
    recorder.record(streamed[cursor.take()]);
  }

  @Benchmark
  @Threads(2)
  public void nonStreamedContended(Cursor cursor) {
    recorder.record(plain[cursor.take()]);
  }
}
