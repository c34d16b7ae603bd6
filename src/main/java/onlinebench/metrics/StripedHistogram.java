package onlinebench.metrics;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * A histogram many threads record into: a plain histogram per recording thread, locked once per
 * request, instead of a few atomic operations per value (ITL records hundreds per request). The
 * stripes are added up when it is read.
 */
final class StripedHistogram {
  private final Queue<Histogram> stripes = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Histogram> stripe = ThreadLocal.withInitial(this::newStripe);

  /** Records every value {@code values} hands over, under one lock of this thread's stripe. */
  void record(Consumer<LongConsumer> values) {
    Histogram mine = stripe.get();
    synchronized (mine) {
      values.accept(mine::recordValue);
    }
  }

  /** A copy of everything recorded so far. */
  Histogram copy() {
    Histogram all = new Histogram(RecorderState.DIGITS);
    for (Histogram s : stripes) {
      synchronized (s) {
        all.add(s);
      }
    }
    return all;
  }

  private Histogram newStripe() {
    Histogram s = new Histogram(RecorderState.DIGITS);
    stripes.add(s);
    return s;
  }
}
