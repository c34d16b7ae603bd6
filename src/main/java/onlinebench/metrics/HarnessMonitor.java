package onlinebench.metrics;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;

/**
 * Watches whether the harness itself limits the figures: how late its event loops run a task that
 * was due (event-loop lag), how long a virtual user takes from one answer to its next send
 * (turnaround), and how much CPU the process uses. No peer reports this; a saturated client makes
 * any server look slower than it is.
 */
public final class HarnessMonitor {
  /** How often the event-loop probe asks each loop to run a task. */
  public static final long PROBE_PERIOD_NANOS = 50_000_000;

  /**
   * Share of the probed loop time that may pass in stalls beyond the lag limit. One long stall is
   * one probe sample, so it never reaches the lag's p99, yet every first token due during it is
   * late: above 1% of the time, a p99 of the run can be the stall's.
   */
  static final double STALL_SHARE_LIMIT = 0.01;

  /**
   * The fewest turnarounds whose p99 is judged; as for the event-loop lag ({@link
   * HarnessCheck#MIN_LAG_SAMPLES}), a p99 of fewer is their maximum.
   */
  static final long MIN_TURNAROUNDS = 100;

  /**
   * The shortest measured phase whose CPU share is judged: over less, a burst of the JIT compiler
   * or a collection (both count as process CPU) is most of the window.
   */
  static final long MIN_CPU_WINDOW_NANOS = 1_000_000_000L;

  private static final int DIGITS = 3;

  private final Recorder eventLoopLag = new Recorder(DIGITS);
  private final Recorder turnaround = new Recorder(DIGITS);
  // everything since start(), so each verdict covers the whole window however often it is asked
  private final Histogram lagSoFar = new Histogram(DIGITS);
  private final Histogram turnaroundSoFar = new Histogram(DIGITS);
  private final AtomicBoolean probeClaimed = new AtomicBoolean();
  private final int cores = Runtime.getRuntime().availableProcessors();
  private final double lagLimitMs;
  private final double cpuLimit;
  private final long minCpuWindowNanos;
  private volatile boolean started;
  private long startCpuNanos = -1;
  private long startWallNanos;

  /**
   * @param lagLimitMs event-loop lag or turnaround above this at p99 means the client fell behind
   * @param cpuLimit process CPU above this share of the cores means the client was the limit
   */
  public HarnessMonitor(double lagLimitMs, double cpuLimit) {
    this(lagLimitMs, cpuLimit, MIN_CPU_WINDOW_NANOS);
  }

  /** With a shorter CPU window than a run's, for tests that cannot spend a second spinning. */
  HarnessMonitor(double lagLimitMs, double cpuLimit, long minCpuWindowNanos) {
    this.lagLimitMs = lagLimitMs;
    this.cpuLimit = cpuLimit;
    this.minCpuWindowNanos = minCpuWindowNanos;
  }

  /** True once: the first caller starts the event-loop probe, so it runs once per run. */
  public boolean claimProbe() {
    return probeClaimed.compareAndSet(false, true);
  }

  /**
   * Starts the window: at the benchmark's first measured send, a scenario's first user's start;
   * later calls cost one volatile read.
   */
  public void start() {
    if (!started) {
      startOnce();
    }
  }

  private synchronized void startOnce() {
    if (!started) {
      started = true;
      // what the warmup and JIT cost before this moment is not the measured phase's
      eventLoopLag.reset();
      turnaround.reset();
      lagSoFar.reset();
      turnaroundSoFar.reset();
      startCpuNanos = processCpuNanos();
      startWallNanos = System.nanoTime();
    }
  }

  /**
   * A probe task due at some moment ran {@code late} nanoseconds later on an event loop; the probe
   * asks every {@link #PROBE_PERIOD_NANOS}.
   */
  public void recordEventLoopLag(long late) {
    eventLoopLag.recordValue(Math.max(0, late));
  }

  /** A virtual user sent its next request {@code nanos} after its previous answer completed. */
  public void recordTurnaround(long nanos) {
    turnaround.recordValue(Math.max(0, nanos));
  }

  /**
   * The verdict over everything recorded since {@link #start()}, its CPU window ending now; it may
   * be asked again later, for a longer window. Each check judges only with enough evidence: the
   * event-loop lag from {@link HarnessCheck#MIN_LAG_SAMPLES} probe samples, the turnaround from
   * {@link #MIN_TURNAROUNDS} of them, the CPU share over {@link #MIN_CPU_WINDOW_NANOS}; a run too
   * short for the event-loop check, where nothing else failed, is {@link
   * HarnessCheck.Verdict#TOO_SHORT_TO_JUDGE}.
   */
  public synchronized HarnessCheck load() {
    lagSoFar.add(eventLoopLag.getIntervalHistogram());
    turnaroundSoFar.add(turnaround.getIntervalHistogram());
    Histogram lag = lagSoFar;
    Histogram turn = turnaroundSoFar;
    double lagP99 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1e6;
    double lagMax = lag.getTotalCount() == 0 ? 0 : lag.getMaxValue() / 1e6;
    double turnP99 = turn.getTotalCount() == 0 ? 0 : turn.getValueAtPercentile(99) / 1e6;
    double cpu = cpuShare();
    double stalled = stalledShare(lag, Math.round(lagLimitMs * 1e6));
    boolean lagJudged = lag.getTotalCount() >= HarnessCheck.MIN_LAG_SAMPLES;
    List<String> reasons = new ArrayList<>();
    if (lagJudged && lagP99 > lagLimitMs) {
      reasons.add(
          String.format(
              java.util.Locale.ROOT,
              "event loops ran due work %.1f ms late at p99 (limit %.0f ms)",
              lagP99,
              lagLimitMs));
    }
    if (lagJudged && lagP99 <= lagLimitMs && stalled > STALL_SHARE_LIMIT) {
      reasons.add(
          String.format(
              java.util.Locale.ROOT,
              "event loops stalled beyond %.0f ms for %.1f%% of the run (longest %.0f ms;"
                  + " limit %.0f%%)",
              lagLimitMs,
              stalled * 100,
              lagMax,
              STALL_SHARE_LIMIT * 100));
    }
    if (turn.getTotalCount() >= MIN_TURNAROUNDS && turnP99 > lagLimitMs) {
      reasons.add(
          String.format(
              java.util.Locale.ROOT,
              "users took %.1f ms at p99 from an answer to their next send (limit %.0f ms)",
              turnP99,
              lagLimitMs));
    }
    if (cpuWindowNanos() >= minCpuWindowNanos && cpu > cpuLimit) {
      reasons.add(
          String.format(
              java.util.Locale.ROOT,
              "the process used %.0f%% of %d cores (limit %.0f%%)",
              cpu * 100,
              cores,
              cpuLimit * 100));
    }
    return new HarnessCheck(lagP99, lagMax, lag.getTotalCount(), turnP99, cpu, cores, reasons);
  }

  /**
   * The share of the loop time the probe covered (each sample waited one period, plus however late
   * it ran) that passed beyond the limit, from the lag samples themselves.
   */
  private static double stalledShare(Histogram lag, long limitNanos) {
    double late = 0;
    double beyond = 0;
    for (HistogramIterationValue v : lag.recordedValues()) {
      long nanos = v.getValueIteratedTo();
      long count = v.getCountAtValueIteratedTo();
      late += (double) nanos * count;
      beyond += (double) Math.max(0, nanos - limitNanos) * count;
    }
    double probed = lag.getTotalCount() * (double) PROBE_PERIOD_NANOS + late;
    return probed <= 0 ? 0 : beyond / probed;
  }

  private double cpuShare() {
    long cpuNow = processCpuNanos();
    if (startCpuNanos < 0 || cpuNow < 0) {
      return 0;
    }
    double wall = cpuWindowNanos();
    return wall <= 0 ? 0 : (cpuNow - startCpuNanos) / (wall * cores);
  }

  /** Wall time since {@link #start()}; 0 before it. */
  private long cpuWindowNanos() {
    return started ? System.nanoTime() - startWallNanos : 0;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
