package onlinebench.metrics;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;
import org.HdrHistogram.Histogram;

/**
 * Every latency metric's histogram, recorded into by many threads: each recording thread has its
 * own stripe of plain histograms, one per metric, locked once per request for all of them, instead
 * of a few atomic operations per value (ITL records hundreds per request) or a lock per metric. The
 * stripes are added up when read.
 */
final class StripedLatencies {
  private static final LatencyMetric[] METRICS = LatencyMetric.values();

  /** One thread's histograms, and the consumers that record into them, made once. */
  private static final class Stripe {
    final Histogram[] histograms = new Histogram[METRICS.length];
    final LongConsumer[] recorders = new LongConsumer[METRICS.length];

    Stripe() {
      for (int i = 0; i < METRICS.length; i++) {
        Histogram h = new Histogram(RecorderState.DIGITS);
        histograms[i] = h;
        recorders[i] = h::recordValue;
      }
    }
  }

  private final Queue<Stripe> stripes = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Stripe> stripe = ThreadLocal.withInitial(this::newStripe);

  /**
   * Records every value of every metric the request has, under one lock of this thread's stripe.
   */
  void record(RequestRecord request) {
    Stripe mine = stripe.get();
    synchronized (mine) {
      for (int i = 0; i < METRICS.length; i++) {
        METRICS[i].values(request, mine.recorders[i]);
      }
    }
  }

  /** A copy of everything recorded so far for {@code metric}. */
  Histogram copy(LatencyMetric metric) {
    Histogram all = new Histogram(RecorderState.DIGITS);
    for (Stripe s : stripes) {
      synchronized (s) {
        all.add(s.histograms[metric.ordinal()]);
      }
    }
    return all;
  }

  private Stripe newStripe() {
    Stripe s = new Stripe();
    stripes.add(s);
    return s;
  }
}
