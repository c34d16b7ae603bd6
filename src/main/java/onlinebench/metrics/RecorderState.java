package onlinebench.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import org.HdrHistogram.Histogram;

/**
 * Everything a run's {@link Summary} is computed from: its HdrHistograms and counters, and the
 * measured phase's first send and last end on the wall clock. One run's recorder takes it at the
 * end; several load generators' states add up exactly ({@link #plus}) into the state of the whole
 * run, and {@link #summary()} is the one place that turns a state into figures, for both.
 *
 * <p>The histograms are this state's own copies: nothing else records into them, and nothing may.
 *
 * @param latencies every {@link LatencyMetric}'s values over successful requests, ns; every metric
 *     present
 * @param requestOutputRate each successful request's output tokens per second × {@link
 *     RateStats#SCALE}
 * @param e2elFromIntended end-to-end latency from the intended send time, ns
 * @param ttftFromIntended TTFT from the intended send time, ns
 * @param sendLag actual − intended send time, ns
 * @param started measured requests sent
 * @param errors failed requests by kind, every kind present
 * @param reasoning reasoning tokens and times
 * @param goodRequests requests that met every per-request SLO clause; empty without such clauses
 * @param prefixCache what the server reported of its prefix cache
 * @param sessions a session workload's sessions and turns; {@link SessionTotals#none()} without one
 * @param firstSendEpochNanos the first measured send, wall clock; empty when nothing was sent
 * @param lastEndEpochNanos the last measured request's end, wall clock; empty when none ended
 */
public record RecorderState(
    Map<LatencyMetric, Histogram> latencies,
    Histogram requestOutputRate,
    Histogram e2elFromIntended,
    Histogram ttftFromIntended,
    Histogram sendLag,
    long started,
    long completed,
    long failed,
    long inputTokens,
    long outputTokens,
    long missingUsage,
    long estimatedOutputTokens,
    long usageChunkMismatches,
    long connectionRetries,
    long inFlightAtEnd,
    long lateTickets,
    Map<ErrorKind, Long> errors,
    LengthTotals lengths,
    ReasoningTotals reasoning,
    OptionalLong goodRequests,
    PrefixCacheTotals prefixCache,
    SessionTotals sessions,
    OptionalLong firstSendEpochNanos,
    OptionalLong lastEndEpochNanos) {

  /** Significant digits of every histogram: 0.1% precision from microseconds to hours. */
  public static final int DIGITS = 3;

  public RecorderState {
    Map<ErrorKind, Long> all = new EnumMap<>(ErrorKind.class);
    for (ErrorKind kind : ErrorKind.values()) {
      all.put(kind, errors.getOrDefault(kind, 0L));
    }
    errors = Map.copyOf(all);
    Map<LatencyMetric, Histogram> every = new EnumMap<>(LatencyMetric.class);
    for (LatencyMetric metric : LatencyMetric.values()) {
      every.put(metric, latencies.getOrDefault(metric, new Histogram(DIGITS)));
    }
    latencies = Collections.unmodifiableMap(every);
  }

  /**
   * Two parts of one run together: histograms added (so percentiles come from all the values, not
   * an average of percentiles), counters summed, the earliest first send and the latest end.
   * Goodput stays only when both parts counted it.
   */
  public RecorderState plus(RecorderState o) {
    Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
    for (ErrorKind kind : ErrorKind.values()) {
      byKind.put(kind, errors.get(kind) + o.errors.get(kind));
    }
    Map<LatencyMetric, Histogram> latencySums = new EnumMap<>(LatencyMetric.class);
    for (LatencyMetric metric : LatencyMetric.values()) {
      latencySums.put(metric, sum(latencies.get(metric), o.latencies.get(metric)));
    }
    return new RecorderState(
        latencySums,
        sum(requestOutputRate, o.requestOutputRate),
        sum(e2elFromIntended, o.e2elFromIntended),
        sum(ttftFromIntended, o.ttftFromIntended),
        sum(sendLag, o.sendLag),
        started + o.started,
        completed + o.completed,
        failed + o.failed,
        inputTokens + o.inputTokens,
        outputTokens + o.outputTokens,
        missingUsage + o.missingUsage,
        estimatedOutputTokens + o.estimatedOutputTokens,
        usageChunkMismatches + o.usageChunkMismatches,
        connectionRetries + o.connectionRetries,
        inFlightAtEnd + o.inFlightAtEnd,
        lateTickets + o.lateTickets,
        byKind,
        lengths.plus(o.lengths),
        reasoning.plus(o.reasoning),
        goodRequests.isPresent() && o.goodRequests.isPresent()
            ? OptionalLong.of(goodRequests.getAsLong() + o.goodRequests.getAsLong())
            : OptionalLong.empty(),
        prefixCache.plus(o.prefixCache),
        sessions.plus(o.sessions),
        extreme(firstSendEpochNanos, o.firstSendEpochNanos, true),
        extreme(lastEndEpochNanos, o.lastEndEpochNanos, false));
  }

  private static Histogram sum(Histogram a, Histogram b) {
    // auto-resizing, so values beyond either part's range fit
    Histogram all = new Histogram(DIGITS);
    all.add(a);
    all.add(b);
    return all;
  }

  private static OptionalLong extreme(OptionalLong a, OptionalLong b, boolean earliest) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return OptionalLong.of(
        earliest ? Math.min(a.getAsLong(), b.getAsLong()) : Math.max(a.getAsLong(), b.getAsLong()));
  }

  /** The measured phase's wall time: first send to last end; 0 when there is none. */
  public double durationSeconds() {
    if (firstSendEpochNanos.isEmpty() || lastEndEpochNanos.isEmpty()) {
      return 0;
    }
    long nanos = lastEndEpochNanos.getAsLong() - firstSendEpochNanos.getAsLong();
    return nanos < 0 ? 0 : nanos / 1e9;
  }

  /** The figures of this state. */
  public Summary summary() {
    double seconds = durationSeconds();
    long done = completed + failed;
    return new Summary(
        seconds,
        completed,
        failed,
        inputTokens,
        outputTokens,
        perSecond(completed, seconds),
        perSecond(outputTokens, seconds),
        perSecond(inputTokens + outputTokens, seconds),
        LatencyStats.ofEach(latencies),
        RateStats.ofScaled(requestOutputRate),
        errors,
        missingUsage,
        estimatedOutputTokens,
        usageChunkMismatches,
        connectionRetries,
        Math.max(0, started - done),
        lengths.stats(),
        reasoning.stats(),
        goodRequests.isEmpty() ? null : goodput(goodRequests.getAsLong(), done, seconds),
        prefixCache,
        sessions.stats(),
        new LoadStats(
            LatencyStats.ofNanos(e2elFromIntended),
            LatencyStats.ofNanos(ttftFromIntended),
            LatencyStats.ofNanos(sendLag),
            inFlightAtEnd,
            lateTickets));
  }

  /** Every latency's whole distribution, for the HTML report. */
  public LatencyDistributions distributions() {
    Map<LatencyMetric, LatencyDistribution> each = new EnumMap<>(LatencyMetric.class);
    latencies.forEach(
        (metric, nanos) -> {
          LatencyDistribution d = LatencyDistribution.ofNanos(nanos);
          if (d != null) {
            each.put(metric, d);
          }
        });
    return new LatencyDistributions(each);
  }

  private static Goodput goodput(long goodCount, long done, double seconds) {
    return new Goodput(
        goodCount, perSecond(goodCount, seconds), done == 0 ? 0 : (double) goodCount / done);
  }

  private static double perSecond(long amount, double seconds) {
    return seconds > 0 ? amount / seconds : 0;
  }
}
