package onlinebench.prompt;

/**
 * How a server counts our prompts: {@code server ≈ ratio × ours + offset}, where ours is the
 * tokenizer's count of the messages and the server's is its {@code usage.prompt_tokens} (its own
 * tokenizer plus its chat template).
 *
 * @param ratio server tokens per token of ours; 1 when only the offset was fitted
 * @param offset tokens the server adds to every prompt (its chat template, mostly)
 * @param samples warmup answers the fit is made from
 */
public record CalibrationFit(double ratio, double offset, int samples) {

  public CalibrationFit {
    if (!(ratio > 0) || Double.isInfinite(ratio) || !Double.isFinite(offset) || samples < 1) {
      throw new IllegalArgumentException(
          "not a usable fit: ratio " + ratio + ", offset " + offset + ", samples " + samples);
    }
  }

  /**
   * Least squares over the sums of the samples (x = ours, y = server's). When every prompt had the
   * same length (no spread in x) only the offset can be known: ratio 1, offset the mean difference.
   * The sums are of values shifted by the first sample, which keeps them small.
   */
  static CalibrationFit leastSquares(
      int n, double sumX, double sumY, double sumXx, double sumXy, double shiftX, double shiftY) {
    double meanX = sumX / n;
    double meanY = sumY / n;
    double varianceX = sumXx / n - meanX * meanX;
    double covariance = sumXy / n - meanX * meanY;
    double offsetOnly = meanY + shiftY - meanX - shiftX;
    if (n < 2 || varianceX < 1e-9) {
      return new CalibrationFit(1, offsetOnly, n);
    }
    double ratio = covariance / varianceX;
    if (!(ratio > 0)) {
      // a server whose count falls as prompts grow is no basis for a ratio
      return new CalibrationFit(1, offsetOnly, n);
    }
    return new CalibrationFit(ratio, meanY + shiftY - ratio * (meanX + shiftX), n);
  }

  /** How long our prompt must be for the server to count {@code serverTokens}, at least 1. */
  public int ourTokensFor(int serverTokens) {
    return (int) Math.max(1, Math.round((serverTokens - offset) / ratio));
  }
}
