package onlinebench.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import onlinebench.openai.ErrorKind;

/**
 * The measured phase in 1-second buckets, counted as requests finish: completed and failed (by
 * kind) requests, output and total tokens, each in the second its request finished, and the mean
 * number of requests in flight during each second, derived exactly from every request's start and
 * end.
 *
 * <p>Second 0 starts at the first measured send. Memory grows with the run's length (one block of
 * counters per {@value #BLOCK_SECONDS} seconds, allocated on first use), never with its number of
 * requests; recording allocates nothing else and is safe from many threads at once.
 *
 * <p>In flight, exactly: a request that starts at {@code s} in second {@code a} and ends at {@code
 * e} in second {@code b} covers {@code a+1 − s} of second {@code a}, all of the seconds between,
 * and {@code e − b} of second {@code b}. Each second keeps the starts minus the ends in it and the
 * covered fraction of its starts minus the uncovered fraction of its ends, so one request costs
 * four additions however long it ran, and the time-weighted mean of second {@code k} is the running
 * sum of starts minus ends before {@code k} plus its own fraction.
 */
public final class TimeSeries {
  static final int BLOCK_SECONDS = 64;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  // 4096 blocks of 64 s: 72 hours; later seconds land in the last one.
  private static final int MAX_BLOCKS = 4096;
  private static final ErrorKind[] KINDS = ErrorKind.values();

  private static final int COMPLETED = 0;
  private static final int OUTPUT_TOKENS = 1;
  private static final int TOTAL_TOKENS = 2;
  private static final int STARTS_MINUS_ENDS = 3;
  private static final int COVERED_NANOS = 4;
  private static final int FAILED = 5;
  private static final int FIELDS = FAILED + KINDS.length;

  private final AtomicLong originNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastSecond = new AtomicLong(-1);
  private final AtomicReferenceArray<AtomicLongArray> blocks =
      new AtomicReferenceArray<>(MAX_BLOCKS);

  /**
   * Fixes second 0 at the first measured send; later calls change nothing. A request that started a
   * few microseconds earlier on another thread counts from second 0.
   */
  public void noteStart(long startNanos) {
    if (originNanos.get() == Long.MIN_VALUE) {
      originNanos.compareAndSet(Long.MIN_VALUE, startNanos);
    }
  }

  /** Counts one finished measured request in the seconds it touched. */
  public void record(RequestRecord request) {
    noteStart(request.startNanos());
    long origin = originNanos.get();
    long start = Math.max(0, request.startNanos() - origin);
    long end = Math.max(start, request.endNanos() - origin);
    int startSecond = second(start);
    int endSecond = second(end);
    lastSecond.accumulateAndGet(endSecond, Math::max);

    AtomicLongArray first = block(startSecond);
    int at = offset(startSecond);
    first.getAndIncrement(at + STARTS_MINUS_ENDS);
    first.getAndAdd(at + COVERED_NANOS, (startSecond + 1L) * NANOS_PER_SECOND - start);

    AtomicLongArray last = block(endSecond);
    int to = offset(endSecond);
    last.getAndDecrement(to + STARTS_MINUS_ENDS);
    last.getAndAdd(to + COVERED_NANOS, end - (endSecond + 1L) * NANOS_PER_SECOND);
    if (request.error().isPresent()) {
      last.getAndIncrement(to + FAILED + request.error().get().ordinal());
      return;
    }
    last.getAndIncrement(to + COMPLETED);
    // the same counts as RequestRecord.outputTokens(), without an OptionalLong per request
    long output =
        request.completionTokens().isPresent()
            ? request.completionTokens().getAsLong()
            : request.tokenChunkNanos().length;
    long input = request.promptTokens().isPresent() ? request.promptTokens().getAsLong() : 0;
    if (output != 0) {
      last.getAndAdd(to + OUTPUT_TOKENS, output);
    }
    if (output + input != 0) {
      last.getAndAdd(to + TOTAL_TOKENS, output + input);
    }
  }

  /** The seconds counted so far, from second 0 to the one the last request finished in. */
  public Snapshot snapshot() {
    int seconds = (int) (lastSecond.get() + 1);
    long[] completed = new long[seconds];
    long[] outputTokens = new long[seconds];
    long[] totalTokens = new long[seconds];
    double[] inFlight = new double[seconds];
    Map<ErrorKind, long[]> failed = new EnumMap<>(ErrorKind.class);
    for (ErrorKind kind : KINDS) {
      failed.put(kind, new long[seconds]);
    }
    long openBefore = 0;
    for (int s = 0; s < seconds; s++) {
      AtomicLongArray block = blocks.get(Math.min(s / BLOCK_SECONDS, MAX_BLOCKS - 1));
      if (block == null) {
        inFlight[s] = openBefore;
        continue;
      }
      int at = offset(s);
      completed[s] = block.get(at + COMPLETED);
      outputTokens[s] = block.get(at + OUTPUT_TOKENS);
      totalTokens[s] = block.get(at + TOTAL_TOKENS);
      for (ErrorKind kind : KINDS) {
        failed.get(kind)[s] = block.get(at + FAILED + kind.ordinal());
      }
      inFlight[s] = openBefore + block.get(at + COVERED_NANOS) / (double) NANOS_PER_SECOND;
      openBefore += block.get(at + STARTS_MINUS_ENDS);
    }
    return new Snapshot(completed, failed, outputTokens, totalTokens, inFlight);
  }

  /** Counter blocks allocated so far: grows with the run's seconds, not its requests. */
  int allocatedBlocks() {
    int n = 0;
    for (int i = 0; i < MAX_BLOCKS; i++) {
      if (blocks.get(i) != null) {
        n++;
      }
    }
    return n;
  }

  private static int second(long sinceOriginNanos) {
    return (int) Math.min(sinceOriginNanos / NANOS_PER_SECOND, MAX_BLOCKS * BLOCK_SECONDS - 1L);
  }

  private static int offset(int second) {
    return (second % BLOCK_SECONDS) * FIELDS;
  }

  private AtomicLongArray block(int second) {
    int index = second / BLOCK_SECONDS;
    AtomicLongArray block = blocks.get(index);
    if (block == null) {
      blocks.compareAndSet(index, null, new AtomicLongArray(BLOCK_SECONDS * FIELDS));
      block = blocks.get(index);
    }
    return block;
  }

  /**
   * The counts of each second, index 0 being the second that starts at the first measured send. The
   * last second is usually cut short by the run's end.
   *
   * @param completed successful requests that finished in each second
   * @param failed failed requests by kind, every kind present, by the second they failed in
   * @param outputTokens output tokens of the successful requests that finished in each second
   * @param totalTokens prompt plus output tokens of those requests
   * @param inFlight the mean number of requests in flight during each second
   */
  public record Snapshot(
      long[] completed,
      Map<ErrorKind, long[]> failed,
      long[] outputTokens,
      long[] totalTokens,
      double[] inFlight) {

    /** How many seconds it covers. */
    public int seconds() {
      return completed.length;
    }
  }
}
