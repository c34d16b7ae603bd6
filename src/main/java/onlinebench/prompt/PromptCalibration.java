package onlinebench.prompt;

import java.util.Optional;

/**
 * Learns from warmup answers how the server counts our prompts, so that measured prompts hit the
 * target length in the server's count ({@code usage.prompt_tokens}), chat template included.
 *
 * <p>Each warmup answer with usage adds one sample (our count of its prompt, the server's count);
 * {@link #freeze()}, called when the measured phase starts, fits {@link CalibrationFit} by least
 * squares and ignores any later sample. Only running sums are kept. Thread-safe: answers arrive on
 * every event loop.
 */
public final class PromptCalibration {
  private final TokenCounter counter;
  private int n;
  private double shiftX;
  private double shiftY;
  private double sumX;
  private double sumY;
  private double sumXx;
  private double sumXy;
  private boolean frozen;
  private Optional<CalibrationFit> fit = Optional.empty();

  public PromptCalibration(TokenCounter counter) {
    this.counter = counter;
  }

  /**
   * A warmup answer: the prompt sent and the server's {@code usage.prompt_tokens} for it. Counting
   * our tokens here (linear in the prompt) works for prompts from any source.
   */
  public void observe(ChatPrompt prompt, long serverPromptTokens) {
    int ours = counter.count(prompt);
    synchronized (this) {
      if (frozen) {
        return;
      }
      if (n == 0) {
        shiftX = ours;
        shiftY = serverPromptTokens;
      }
      double x = ours - shiftX;
      double y = serverPromptTokens - shiftY;
      n++;
      sumX += x;
      sumY += y;
      sumXx += x * x;
      sumXy += x * y;
    }
  }

  /**
   * Fits on the samples so far and stops taking more; later calls return the same fit. Empty when
   * no warmup answer carried usage: prompts then stay at the tokenizer's count.
   */
  public synchronized Optional<CalibrationFit> freeze() {
    if (!frozen) {
      frozen = true;
      if (n > 0) {
        fit = Optional.of(CalibrationFit.leastSquares(n, sumX, sumY, sumXx, sumXy, shiftX, shiftY));
      }
    }
    return fit;
  }
}
