package onlinebench.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long the simulated model takes: the one place that decides when each token is due. One per
 * server, shared by every connection; thread-safe.
 *
 * <p>With the defaults ({@link Realism#none()}) it is the fixed model: token {@code i} (from 0) is
 * due at {@code arrival + ttft + i x itl}. The realism knobs add, in this order:
 *
 * <ul>
 *   <li><b>Queueing</b> ({@code sim.maxSequences = S > 0}): at most S sequences are in prefill or
 *       decode; a request arriving when S are busy waits first in, first out, and is admitted when
 *       one finishes (its last token written) or its client goes away. A waiting client that
 *       disconnects leaves the queue. {@code queued = admitted - arrival} (0 when a slot is free).
 *   <li><b>Prefill</b> ({@code sim.prefillTokensPerSec = P > 0}): the first token is due at {@code
 *       admitted + (ttft + prompt_tokens / P) x f0}, so {@code TTFT = queued + (ttft +
 *       prompt_tokens / P) x f0}; without prefill the term is 0.
 *   <li><b>Continuous batching</b> ({@code sim.batchSlowdown = b}): a sequence is decoding from its
 *       first token to its last. Just after writing token {@code i}, the next is due at {@code
 *       due(i + 1) = due(i) + itl x (1 + b x (running - 1)) x f(i+1)}, where {@code running} is the
 *       number of sequences decoding at that moment, itself included. So each stream slows as
 *       concurrency rises while total tokens per second rises (for b &lt; 1), as on vLLM.
 *   <li><b>Jitter</b> ({@code sim.jitter = j}): {@code f0, f1, ...} are independent uniform factors
 *       in {@code [1 - j, 1 + j]} from the request's seeded jitter stream ({@link RequestRandom});
 *       all 1 when j = 0.
 *   <li><b>Slow fault</b>: the interval is {@code 1000 x max(itl, 1 ms) x (1 + b x (running - 1)) x
 *       f}.
 * </ul>
 *
 * <p>Deadlines are absolute: each is computed from the previous deadline, not from when the timer
 * fired, so a late timer makes the following tokens catch up instead of drifting. Output lengths
 * are in {@link OutputLength}.
 */
final class TimingModel {

  /** The slow fault's factor on the token interval. */
  static final long SLOW_FACTOR = 1000;

  private static final long MIN_SLOW_ITL_NANOS = Duration.ofMillis(1).toNanos();

  private final long ttftNanos;
  private final long itlNanos;
  private final Realism realism;
  private final AtomicInteger decoding = new AtomicInteger();
  private final Object admissionLock = new Object();
  private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
  private int admitted;

  TimingModel(Duration ttft, Duration itl, Realism realism) {
    this.ttftNanos = ttft.toNanos();
    this.itlNanos = itl.toNanos();
    this.realism = realism;
  }

  /** Whether a token's interval depends on the other sequences (batch slowdown). */
  boolean dependsOnLoad() {
    return realism.batchSlowdown() > 0;
  }

  /** Everything is due at arrival: no delays of any kind. */
  boolean immediate() {
    return ttftNanos == 0 && itlNanos == 0;
  }

  /** Sequences decoding now. */
  int decoding() {
    return decoding.get();
  }

  /** Sequences waiting for a slot now. */
  int waiting() {
    synchronized (admissionLock) {
      return waiting.size();
    }
  }

  long firstTokenDelayNanos(int promptTokens, SplittableRandom jitter) {
    double prefillNanos =
        realism.prefillTokensPerSec() > 0 ? promptTokens * 1e9 / realism.prefillTokensPerSec() : 0;
    return jittered(ttftNanos + prefillNanos, jitter);
  }

  /** The interval before the next token of a sequence that is decoding among {@code running}. */
  long intervalNanos(int running, SplittableRandom jitter, boolean slow) {
    double base = slow ? SLOW_FACTOR * (double) Math.max(itlNanos, MIN_SLOW_ITL_NANOS) : itlNanos;
    double batch = 1 + realism.batchSlowdown() * Math.max(0, running - 1);
    return jittered(base * batch, jitter);
  }

  private long jittered(double nanos, SplittableRandom jitter) {
    double j = realism.jitter();
    if (j == 0) {
      return Math.round(nanos);
    }
    return Math.round(nanos * (1 - j + 2 * j * jitter.nextDouble()));
  }

  void decodingStarted() {
    decoding.incrementAndGet();
  }

  void decodingStopped() {
    decoding.decrementAndGet();
  }

  /**
   * Admits the sequence now (true) or queues it (false); a queued one's {@link
   * Sequence#admitted(long)} is called later from the thread that frees its slot.
   */
  boolean admitOrQueue(Sequence sequence) {
    if (realism.maxSequences() == 0) {
      return true;
    }
    synchronized (admissionLock) {
      if (admitted < realism.maxSequences()) {
        admitted++;
        return true;
      }
      waiting.addLast(sequence);
      return false;
    }
  }

  /** A sequence still waiting leaves the queue; true if it was waiting. */
  boolean leaveQueue(Sequence sequence) {
    if (realism.maxSequences() == 0) {
      return false;
    }
    synchronized (admissionLock) {
      return waiting.remove(sequence);
    }
  }

  /** An admitted sequence ended: its slot goes to the first waiting one, if any. */
  void release() {
    if (realism.maxSequences() == 0) {
      return;
    }
    Sequence next;
    synchronized (admissionLock) {
      next = waiting.pollFirst();
      if (next == null) {
        admitted--;
        return;
      }
    }
    next.admitted(System.nanoTime());
  }
}
