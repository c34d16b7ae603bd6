package onlinebench.simulator;

import io.netty.util.concurrent.EventExecutor;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One request's life in the {@link TimingModel}: admission (maybe after a wait in the queue), then
 * its token deadlines, then its end, which frees its slot. Lives on its connection's event loop;
 * only {@link #admitted(long)} may be called from another thread.
 */
final class Sequence {

  private final TimingModel model;
  private final EventExecutor executor;
  private final long arrivalNanos;
  private final int promptTokens;
  private final int outputTokens;
  private final SplittableRandom jitter;
  private final boolean slow;
  private final EngineMetrics metrics;
  private final int countedPromptTokens;
  private @Nullable Runnable onAdmitted;
  private boolean queued;
  private boolean isAdmitted;
  private long admittedNanos;
  private long endedNanos;
  private long dueNanos;
  private long firstDueNanos;
  private boolean skipped;
  private int emitted;
  private int counted;
  private boolean decoding;
  private boolean ended;

  /**
   * @param promptTokens the prompt tokens that need prefill (cached ones skip it)
   * @param slow the slow fault: token intervals 1000 times longer
   * @param metrics where the server counts running requests, tokens and TTFTs
   * @param countedPromptTokens the whole prompt's tokens, cached ones included, as the server's
   *     prompt token counter counts them
   */
  Sequence(
      TimingModel model,
      EventExecutor executor,
      long arrivalNanos,
      int promptTokens,
      int outputTokens,
      SplittableRandom jitter,
      boolean slow,
      EngineMetrics metrics,
      int countedPromptTokens) {
    this.metrics = metrics;
    this.countedPromptTokens = countedPromptTokens;
    this.model = model;
    this.executor = executor;
    this.arrivalNanos = arrivalNanos;
    this.promptTokens = promptTokens;
    this.outputTokens = outputTokens;
    this.jitter = jitter;
    this.slow = slow;
  }

  long arrivalNanos() {
    return arrivalNanos;
  }

  /**
   * Asks for a slot; {@code whenAdmitted} runs on the event loop once there is one: at once when a
   * slot is free (admitted at arrival), later otherwise. It never runs after {@link #end()}.
   */
  void admit(Runnable whenAdmitted) {
    this.onAdmitted = whenAdmitted;
    if (model.admitOrQueue(this)) {
      start(arrivalNanos);
    } else {
      queued = true;
    }
  }

  /** Called by the timing model, from any thread, when a slot freed up for this waiting one. */
  void admitted(long nanos) {
    executor.execute(
        () -> {
          if (!ended) {
            start(nanos);
          }
        });
  }

  private void start(long nanos) {
    isAdmitted = true;
    metrics.admitted();
    admittedNanos = nanos;
    dueNanos = nanos + model.firstTokenDelayNanos(promptTokens, jitter);
    firstDueNanos = dueNanos;
    Runnable callback = onAdmitted;
    if (callback != null) {
      callback.run();
    }
  }

  /** Time spent waiting for a slot: until admission, or until the end when never admitted. */
  long queuedNanos() {
    if (isAdmitted) {
      return admittedNanos - arrivalNanos;
    }
    return ended ? endedNanos - arrivalNanos : 0;
  }

  /** When the next token is due; only after admission. */
  long tokenDueNanos() {
    return dueNanos;
  }

  /** Tokens written so far. */
  int emitted() {
    return emitted;
  }

  /**
   * The next token was written: decides when the following one is due from the batch at this
   * moment, or ends the sequence after its last token.
   */
  void tokenWritten() {
    emitted++;
    count();
    if (!decoding && emitted < outputTokens) {
      decoding = true;
      model.decodingStarted();
    }
    if (emitted >= outputTokens) {
      end();
    } else {
      dueNanos += model.intervalNanos(model.decoding(), jitter, slow);
    }
  }

  /**
   * Computes the last token's deadline at once, skipping per-token timers; only when intervals do
   * not depend on the load (a non-streaming response writes nothing before its last token).
   */
  void skipToLastToken() {
    if (model.dependsOnLoad()) {
      throw new IllegalStateException(
          "intervals depend on the load: tokens must be timed one by one");
    }
    skipped = true;
    while (emitted < outputTokens - 1) {
      emitted++;
      dueNanos += model.intervalNanos(1, jitter, slow);
    }
  }

  /**
   * Counts the tokens produced since the last call on the server's metrics. The first token's time
   * is when it was written, or its deadline when the tokens before the last were skipped over
   * (nothing is written before the body of a non-streaming answer, yet the model had its first
   * token then).
   */
  private void count() {
    if (counted == 0 && emitted > 0) {
      long firstNanos = skipped ? firstDueNanos : System.nanoTime();
      metrics.firstToken(countedPromptTokens, firstNanos - arrivalNanos);
    }
    metrics.generated(emitted - counted);
    counted = emitted;
  }

  /** Stops decoding and frees the slot (or leaves the queue). Idempotent. */
  void end() {
    if (ended) {
      return;
    }
    ended = true;
    endedNanos = System.nanoTime();
    if (decoding) {
      decoding = false;
      model.decodingStopped();
    }
    if (isAdmitted) {
      metrics.released();
    }
    if (queued && !isAdmitted && model.leaveQueue(this)) {
      return; // never held a slot
    }
    model.release();
  }
}
