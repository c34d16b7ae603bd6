package onlinebench.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;

/**
 * The measured phase in 1-second buckets, counted as requests finish: completed and failed (by
 * kind) requests in the second each finished; output tokens in the second each arrived (a stream's
 * in the seconds of its token chunks, a plain answer's in the second it finished), total tokens the
 * same plus each request's prompt tokens in the second it finished; and the mean number of requests
 * in flight during each second, derived exactly from every request's start and end. Counting a
 * stream's tokens at arrival makes our output tokens per second comparable with a server's
 * generation counter: counted at the end, a closed loop draws a sawtooth.
 *
 * <p>Second 0 starts at the first measured send. Memory grows with the run's length (one block of
 * counters per {@value #BLOCK_SECONDS} seconds and recording thread, allocated on first use), never
 * with its number of requests; recording allocates nothing else and is safe from many threads at
 * once. Each recording thread counts into its own stripe of counters, locked once per request and
 * otherwise only by {@link #snapshot()}, so event loops never fight over the current second's cache
 * line.
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
  private final Queue<Stripe> stripes = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Stripe> stripe = ThreadLocal.withInitial(this::newStripe);

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
    // the same counts as RequestRecord.outputTokens(), without an OptionalLong per request
    long output =
        request.completionTokens().isPresent()
            ? request.completionTokens().getAsLong()
            : request.tokenChunkNanos().length;
    long input = request.promptTokens().isPresent() ? request.promptTokens().getAsLong() : 0;
    int failedField = request.error().isPresent() ? FAILED + request.error().get().ordinal() : -1;
    Stripe mine = stripe.get();
    synchronized (mine) {
      mine.lastSecond = Math.max(mine.lastSecond, endSecond);
      long[] first = mine.block(startSecond);
      int at = offset(startSecond);
      first[at + STARTS_MINUS_ENDS]++;
      first[at + COVERED_NANOS] += (startSecond + 1L) * NANOS_PER_SECOND - start;
      long[] last = mine.block(endSecond);
      int to = offset(endSecond);
      last[to + STARTS_MINUS_ENDS]--;
      last[to + COVERED_NANOS] += end - (endSecond + 1L) * NANOS_PER_SECOND;
      if (failedField >= 0) {
        last[to + failedField]++;
      } else {
        last[to + COMPLETED]++;
        last[to + TOTAL_TOKENS] += input;
        long[] chunks = request.tokenChunkNanos();
        if (chunks.length == 0) {
          last[to + OUTPUT_TOKENS] += output;
          last[to + TOTAL_TOKENS] += output;
        } else {
          countAtArrival(mine, chunks, output, origin, start, endSecond);
        }
      }
    }
  }

  /**
   * A stream's output tokens, each in the second its chunk arrived: chunk {@code i} of {@code n}
   * carries {@code floor(output (i+1) / n) − floor(output i / n)} tokens, one each when the
   * server's count equals the chunks, and always {@code output} in all.
   */
  private static void countAtArrival(
      Stripe mine, long[] chunks, long output, long origin, long start, int endSecond) {
    int n = chunks.length;
    for (int i = 0; i < n; i++) {
      long tokens = output * (i + 1) / n - output * i / n;
      if (tokens == 0) {
        continue;
      }
      int second = Math.min(endSecond, second(Math.max(start, chunks[i] - origin)));
      long[] block = mine.block(second);
      int at = offset(second);
      block[at + OUTPUT_TOKENS] += tokens;
      block[at + TOTAL_TOKENS] += tokens;
    }
  }

  /** The seconds counted so far, from second 0 to the one the last request finished in. */
  public Snapshot snapshot() {
    int seconds = 0;
    for (Stripe each : stripes) {
      synchronized (each) {
        seconds = Math.max(seconds, each.lastSecond + 1);
      }
    }
    long[] sums = new long[seconds * FIELDS];
    for (Stripe each : stripes) {
      synchronized (each) {
        each.addInto(sums, seconds);
      }
    }
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
      int at = s * FIELDS;
      completed[s] = sums[at + COMPLETED];
      outputTokens[s] = sums[at + OUTPUT_TOKENS];
      totalTokens[s] = sums[at + TOTAL_TOKENS];
      for (ErrorKind kind : KINDS) {
        failed.get(kind)[s] = sums[at + FAILED + kind.ordinal()];
      }
      inFlight[s] = openBefore + sums[at + COVERED_NANOS] / (double) NANOS_PER_SECOND;
      openBefore += sums[at + STARTS_MINUS_ENDS];
    }
    return new Snapshot(completed, failed, outputTokens, totalTokens, inFlight);
  }

  /** Counter blocks allocated so far: grows with the run's seconds, not its requests. */
  int allocatedBlocks() {
    int n = 0;
    for (Stripe each : stripes) {
      synchronized (each) {
        for (long[] block : each.blocks) {
          n += block == null ? 0 : 1;
        }
      }
    }
    return n;
  }

  private Stripe newStripe() {
    Stripe created = new Stripe();
    stripes.add(created);
    return created;
  }

  private static int second(long sinceOriginNanos) {
    return (int) Math.min(sinceOriginNanos / NANOS_PER_SECOND, MAX_BLOCKS * BLOCK_SECONDS - 1L);
  }

  private static int offset(int second) {
    return (second % BLOCK_SECONDS) * FIELDS;
  }

  /** One recording thread's counters; guarded by its own monitor. */
  private static final class Stripe {
    private final long[][] blocks = new long[MAX_BLOCKS][];
    private int lastSecond = -1;

    long[] block(int second) {
      int index = second / BLOCK_SECONDS;
      if (blocks[index] == null) {
        blocks[index] = new long[BLOCK_SECONDS * FIELDS];
      }
      return blocks[index];
    }

    void addInto(long[] sums, int seconds) {
      for (int index = 0; index * BLOCK_SECONDS < seconds; index++) {
        long[] block = blocks[index];
        if (block == null) {
          continue;
        }
        int from = index * BLOCK_SECONDS * FIELDS;
        int length = Math.min(block.length, sums.length - from);
        for (int i = 0; i < length; i++) {
          sums[from + i] += block[i];
        }
      }
    }
  }

  /**
   * The counts of each second, index 0 being the second that starts at the first measured send. The
   * last second is usually cut short by the run's end.
   *
   * @param completed successful requests that finished in each second
   * @param failed failed requests by kind, every kind present, by the second they failed in
   * @param outputTokens output tokens of successful requests that arrived in each second (a
   *     stream's with each token chunk, a plain answer's when it finished)
   * @param totalTokens those plus the prompt tokens of the successful requests that finished in
   *     each second
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
