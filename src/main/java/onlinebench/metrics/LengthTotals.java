package onlinebench.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The sums behind {@link LengthStats}: what a run counted, kept so that several runs' lengths add
 * up exactly (a mean of means would not).
 *
 * @param inputCount successful requests with {@code usage.prompt_tokens}
 * @param inputSum their prompt tokens
 * @param inputMin the shortest prompt; {@link Long#MAX_VALUE} when there is none
 * @param inputMax the longest prompt; {@link Long#MIN_VALUE} when there is none
 * @param outputCount successful requests with both a {@code max_tokens} and an output count
 * @param requestedSum their {@code max_tokens}
 * @param outputSum their output tokens
 */
public record LengthTotals(
    long inputCount,
    long inputSum,
    long inputMin,
    long inputMax,
    long outputCount,
    long requestedSum,
    long outputSum) {

  /** Nothing counted. */
  public static final LengthTotals NONE =
      new LengthTotals(0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0, 0);

  /** Both runs' lengths together. */
  public LengthTotals plus(LengthTotals other) {
    return new LengthTotals(
        inputCount + other.inputCount,
        inputSum + other.inputSum,
        Math.min(inputMin, other.inputMin),
        Math.max(inputMax, other.inputMax),
        outputCount + other.outputCount,
        requestedSum + other.requestedSum,
        outputSum + other.outputSum);
  }

  /** The means and extremes the summary reports. */
  public LengthStats stats() {
    return new LengthStats(
        inputCount == 0
            ? OptionalDouble.empty()
            : OptionalDouble.of((double) inputSum / inputCount),
        inputCount == 0 ? OptionalLong.empty() : OptionalLong.of(inputMin),
        inputCount == 0 ? OptionalLong.empty() : OptionalLong.of(inputMax),
        outputCount == 0
            ? OptionalDouble.empty()
            : OptionalDouble.of((double) requestedSum / outputCount),
        outputCount == 0
            ? OptionalDouble.empty()
            : OptionalDouble.of((double) outputSum / outputCount));
  }
}
