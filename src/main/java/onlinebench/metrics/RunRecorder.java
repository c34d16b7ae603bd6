package onlinebench.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import onlinebench.record.LoadEvents;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import onlinebench.record.SessionRecord;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one run-wide sink of measured requests: counters and HdrHistograms (nanoseconds, 3
 * significant digits, so every latency keeps 0.1% precision from microseconds to hours). Safe to
 * record into from many event-loop threads at once; nothing is kept per request, so memory stays
 * flat however many requests a run makes.
 */
public final class RunRecorder implements RequestSink, LoadEvents {
  private static final int DIGITS = RecorderState.DIGITS;

  private final LongAdder started = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder inputTokens = new LongAdder();
  private final LongAdder outputTokens = new LongAdder();
  private final LongAdder missingUsage = new LongAdder();
  private final LongAdder connectionRetries = new LongAdder();
  private final LongAdder estimatedOutputTokens = new LongAdder();
  private final LongAdder usageChunkMismatches = new LongAdder();
  private final LongAdder reasoningTokens = new LongAdder();
  private final LongAdder reasoningRequests = new LongAdder();
  private final LongAdder reasoningFromChunks = new LongAdder();
  private final Histogram reasoningTime = new ConcurrentHistogram(DIGITS);
  private final LengthTally lengths = new LengthTally();
  private final LongAdder cacheReports = new LongAdder();
  private final LongAdder cachedTokens = new LongAdder();
  private final LongAdder cacheReportPromptTokens = new LongAdder();
  private final SessionTally sessions = new SessionTally();
  private final Map<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);
  private final AtomicLong firstStartNanos = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastEndNanos = new AtomicLong(Long.MIN_VALUE);
  private final StripedLatencies latencies = new StripedLatencies();
  private final Histogram requestOutputRate = new ConcurrentHistogram(DIGITS);
  private final Histogram e2elFromIntended = new ConcurrentHistogram(DIGITS);
  private final Histogram ttftFromIntended = new ConcurrentHistogram(DIGITS);
  private final Histogram sendLag = new ConcurrentHistogram(DIGITS);
  private final AtomicLong deadlineNanos = new AtomicLong(Long.MAX_VALUE);
  private final LongAdder inFlightAtEnd = new LongAdder();
  private final LongAdder lateTickets = new LongAdder();
  private final Recorder recentTtft = new Recorder(DIGITS);
  private Histogram recentTtftInterval;
  private final TimeSeries timeSeries = new TimeSeries();
  // Shared by recorders, exclusive for freeze(): after it, no count moves, so a run stopped
  // mid-way adds up exactly (started = completed + failed + unfinished).
  private final ReadWriteLock freezeLock = new ReentrantReadWriteLock();
  private boolean frozen;
  // goodput: successes that meet every per-request SLO clause, when -Dslo has any
  private final Optional<Predicate<RequestRecord>> goodRequest;
  private final LongAdder good = new LongAdder();
  private final ClockAnchor clock;

  public RunRecorder() {
    this(Optional.empty());
  }

  /**
   * @param goodRequest which successful requests count toward goodput; empty for no goodput
   */
  public RunRecorder(Optional<Predicate<RequestRecord>> goodRequest) {
    this(goodRequest, ClockAnchor.now());
  }

  /**
   * @param goodRequest which successful requests count toward goodput; empty for no goodput
   * @param clock ties this run's {@code System.nanoTime()} readings to the wall clock
   */
  public RunRecorder(Optional<Predicate<RequestRecord>> goodRequest, ClockAnchor clock) {
    this.goodRequest = goodRequest;
    this.clock = clock;
    for (ErrorKind kind : ErrorKind.values()) {
      errors.put(kind, new LongAdder());
    }
  }

  @Override
  public void requestStarting(long startNanos) {
    Lock shared = freezeLock.readLock();
    shared.lock();
    try {
      if (!frozen) {
        countStart(startNanos);
      }
    } finally {
      shared.unlock();
    }
  }

  private void countStart(long startNanos) {
    started.increment();
    noteStart(startNanos);
    timeSeries.noteStart(startNanos);
  }

  private void noteStart(long startNanos) {
    // a plain read first: the CAS is needed only for the very first sends
    if (startNanos < firstStartNanos.get()) {
      firstStartNanos.accumulateAndGet(startNanos, Math::min);
    }
  }

  /** The first measured send so far; the zero of per-request offsets. */
  public long firstStartNanos() {
    return firstStartNanos.get();
  }

  /** The last measured request's end so far; {@code Long.MIN_VALUE} before any ended. */
  public long lastEndNanos() {
    return lastEndNanos.get();
  }

  /**
   * Stops counting: requests that start or finish afterwards are ignored. For a run stopped
   * mid-way, whose users may still be working while its summary is taken.
   */
  public void freeze() {
    Lock exclusive = freezeLock.writeLock();
    exclusive.lock();
    try {
      frozen = true;
    } finally {
      exclusive.unlock();
    }
  }

  @Override
  public void record(RequestRecord request) {
    Lock shared = freezeLock.readLock();
    shared.lock();
    try {
      if (!frozen) {
        count(request);
      }
    } finally {
      shared.unlock();
    }
  }

  @Override
  public void recordSession(SessionRecord session) {
    Lock shared = freezeLock.readLock();
    shared.lock();
    try {
      if (!frozen) {
        sessions.record(session);
      }
    } finally {
      shared.unlock();
    }
  }

  @Override
  public void deadline(long nanos) {
    deadlineNanos.set(nanos);
  }

  @Override
  public void ticketTakenLate() {
    lateTickets.increment();
  }

  private void count(RequestRecord request) {
    noteStart(request.startNanos());
    timeSeries.record(request);
    lastEndNanos.accumulateAndGet(request.endNanos(), Math::max);
    sendLag.recordValue(Math.max(0, request.sendLagNanos()));
    if (request.endNanos() > deadlineNanos.get()) {
      inFlightAtEnd.increment();
    }
    if (request.connectionRetried()) {
      connectionRetries.increment();
    }
    sessions.record(request);
    if (request.error().isPresent()) {
      failed.increment();
      errors.get(request.error().get()).increment();
      return;
    }
    completed.increment();
    if (goodRequest.isPresent() && goodRequest.get().test(request)) {
      good.increment();
    }
    latencies.record(request);
    e2elFromIntended.recordValue(Math.max(0, request.endNanos() - request.intendedStartNanos()));
    request
        .firstTokenNanos()
        .ifPresent(
            t -> ttftFromIntended.recordValue(Math.max(0, t - request.intendedStartNanos())));
    request.promptTokens().ifPresent(inputTokens::add);
    request.outputTokens().ifPresent(outputTokens::add);
    lengths.add(request);
    if (request.promptTokens().isEmpty() || request.completionTokens().isEmpty()) {
      missingUsage.increment();
    }
    if (request.outputTokensEstimated()) {
      estimatedOutputTokens.increment();
    }
    if (request.usageDisagreesWithChunks()) {
      usageChunkMismatches.increment();
    }
    countReasoning(request);
    if (request.cachedTokens().isPresent() && request.promptTokens().isPresent()) {
      cacheReports.increment();
      cachedTokens.add(request.cachedTokens().getAsLong());
      cacheReportPromptTokens.add(request.promptTokens().getAsLong());
    }
    request
        .outputTokensPerSecond()
        .ifPresent(rate -> requestOutputRate.recordValue(Math.round(rate * RateStats.SCALE)));
    request.timeToFirstTokenNanos().ifPresent(recentTtft::recordValue);
  }

  private void countReasoning(RequestRecord request) {
    long reasoning = request.reasoningTokenCount().orElse(0);
    if (reasoning > 0) {
      reasoningTokens.add(reasoning);
      reasoningRequests.increment();
      if (request.reasoningTokensCountedFromChunks()) {
        reasoningFromChunks.increment();
      }
    }
    request.reasoningNanos().ifPresent(reasoningTime::recordValue);
  }

  /**
   * The run so far. Meant for one reader (the progress line): it consumes the recent-TTFT window.
   */
  public synchronized ProgressSnapshot progress(long nowNanos) {
    recentTtftInterval = recentTtft.getIntervalHistogram(recentTtftInterval);
    OptionalDouble recentMedian =
        recentTtftInterval.getTotalCount() == 0
            ? OptionalDouble.empty()
            : OptionalDouble.of(recentTtftInterval.getValueAtPercentile(50) / 1e6);
    long first = firstStartNanos.get();
    long out = outputTokens.sum();
    return new ProgressSnapshot(
        completed.sum() + failed.sum(),
        failed.sum(),
        errorCounts(),
        out,
        out + inputTokens.sum(),
        first == Long.MAX_VALUE ? 0 : Math.max(0, nowNanos - first),
        recentMedian);
  }

  /** The figures of everything recorded so far. */
  public Summary summarize() {
    return snapshot().summary();
  }

  /**
   * Copies of everything recorded so far: what the summary is computed from, and what a merge of
   * several load generators adds up.
   */
  public RecorderState snapshot() {
    long first = firstStartNanos.get();
    long last = lastEndNanos.get();
    Map<LatencyMetric, Histogram> latencyCopies = new EnumMap<>(LatencyMetric.class);
    for (LatencyMetric metric : LatencyMetric.values()) {
      latencyCopies.put(metric, latencies.copy(metric));
    }
    return new RecorderState(
        latencyCopies,
        requestOutputRate.copy(),
        e2elFromIntended.copy(),
        ttftFromIntended.copy(),
        sendLag.copy(),
        started.sum(),
        completed.sum(),
        failed.sum(),
        inputTokens.sum(),
        outputTokens.sum(),
        missingUsage.sum(),
        estimatedOutputTokens.sum(),
        usageChunkMismatches.sum(),
        connectionRetries.sum(),
        inFlightAtEnd.sum(),
        lateTickets.sum(),
        errorCounts(),
        lengths.totals(),
        new ReasoningTotals(
            reasoningTokens.sum(),
            reasoningRequests.sum(),
            reasoningFromChunks.sum(),
            reasoningTime.copy()),
        goodRequest.isEmpty() ? OptionalLong.empty() : OptionalLong.of(good.sum()),
        new PrefixCacheTotals(
            cacheReports.sum(), cachedTokens.sum(), cacheReportPromptTokens.sum()),
        sessions.totals(),
        first == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(clock.toEpochNanos(first)),
        last == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(clock.toEpochNanos(last)));
  }

  /** The run so far in 1-second buckets, for the HTML report. */
  public TimeSeries.Snapshot timeSeries() {
    return timeSeries.snapshot();
  }

  /** Every latency's whole distribution, for the HTML report. */
  public LatencyDistributions distributions() {
    return snapshot().distributions();
  }

  private Map<ErrorKind, Long> errorCounts() {
    Map<ErrorKind, Long> byKind = new EnumMap<>(ErrorKind.class);
    errors.forEach((kind, count) -> byKind.put(kind, count.sum()));
    return byKind;
  }
}
