package onlinebench.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Prompt and answer lengths of the successful requests, as the server counted them.
 *
 * @param meanInputTokens mean {@code usage.prompt_tokens}; empty when no answer had usage
 * @param minInputTokens shortest prompt, same condition
 * @param maxInputTokens longest prompt, same condition
 * @param meanRequestedOutputTokens mean {@code max_tokens} asked for, over the requests with an
 *     output count; empty when there were none
 * @param meanOutputTokens mean output tokens over those same requests
 */
public record LengthStats(
    OptionalDouble meanInputTokens,
    OptionalLong minInputTokens,
    OptionalLong maxInputTokens,
    OptionalDouble meanRequestedOutputTokens,
    OptionalDouble meanOutputTokens) {

  /**
   * How far the mean output falls from (or exceeds) the mean requested, as a share of the requested
   * (−0.5 for half); empty without both.
   */
  public OptionalDouble outputDeviation() {
    if (meanRequestedOutputTokens.isEmpty()
        || meanOutputTokens.isEmpty()
        || meanRequestedOutputTokens.getAsDouble() <= 0) {
      return OptionalDouble.empty();
    }
    double requested = meanRequestedOutputTokens.getAsDouble();
    return OptionalDouble.of((meanOutputTokens.getAsDouble() - requested) / requested);
  }
}
