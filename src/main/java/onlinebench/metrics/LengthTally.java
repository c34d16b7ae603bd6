package onlinebench.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import onlinebench.record.RequestRecord;

/** Counts what {@link LengthStats} reports; safe to add to from many threads at once. */
final class LengthTally {
  private final LongAdder inputCount = new LongAdder();
  private final LongAdder inputSum = new LongAdder();
  private final AtomicLong inputMin = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong inputMax = new AtomicLong(Long.MIN_VALUE);
  private final LongAdder outputCount = new LongAdder();
  private final LongAdder requestedSum = new LongAdder();
  private final LongAdder outputSum = new LongAdder();

  /** A successful request. */
  void add(RequestRecord request) {
    if (request.promptTokens().isPresent()) {
      long tokens = request.promptTokens().getAsLong();
      inputCount.increment();
      inputSum.add(tokens);
      // plain reads first: the CAS is needed only when the extreme moves
      if (tokens < inputMin.get()) {
        inputMin.accumulateAndGet(tokens, Math::min);
      }
      if (tokens > inputMax.get()) {
        inputMax.accumulateAndGet(tokens, Math::max);
      }
    }
    if (request.requestedMaxTokens().isPresent() && request.outputTokens().isPresent()) {
      outputCount.increment();
      requestedSum.add(request.requestedMaxTokens().getAsInt());
      outputSum.add(request.outputTokens().getAsLong());
    }
  }

  LengthTotals totals() {
    return new LengthTotals(
        inputCount.sum(),
        inputSum.sum(),
        inputMin.get(),
        inputMax.get(),
        outputCount.sum(),
        requestedSum.sum(),
        outputSum.sum());
  }
}
