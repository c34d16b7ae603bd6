package onlinebench.simulator;

import java.util.SplittableRandom;

/**
 * How many tokens a completion has and its {@code finish_reason}.
 *
 * <p>Without {@code sim.stopMeanTokens} (0), or with {@code "ignore_eos": true}, every completion
 * runs to max_tokens: {@code length}. With {@code sim.stopMeanTokens = N}, generation is token by
 * token and each token from number {@code m = max(min_tokens, 1)} on is the last (EOS) with
 * probability {@code 1/N}, as vLLM suppresses EOS before {@code min_tokens}. So the length is
 * {@code L = m - 1 + G} with G geometric on {1, 2, ...} with p = 1/N (mean {@code m - 1 + N}),
 * drawn as {@code G = max(1, ceil(ln(1 - u) / ln(1 - p)))} from one uniform u of the request's stop
 * stream. If {@code L < max_tokens} the completion has L tokens and finish_reason {@code stop};
 * otherwise max_tokens and {@code length}.
 *
 * <p>A reasoning model ({@code sim.reasoningTokens}) thinks first: R reasoning tokens, then the
 * answer. They are completion tokens like the answer's, so max_tokens bounds both together, as it
 * does on vLLM; thinking never ends in EOS, so the stop draw above is the answer's length, after
 * the R tokens. A max_tokens reached while thinking leaves no answer.
 *
 * @param tokens output tokens, reasoning included, at least 1
 * @param reasoningTokens the first of them that are reasoning, at most tokens
 * @param finishReason {@code stop} or {@code length}
 */
record OutputLength(int tokens, int reasoningTokens, String finishReason) {

  static final String LENGTH = "length";
  static final String STOP = "stop";

  /** A completion without reasoning. */
  static OutputLength of(ChatRequest request, int stopMeanTokens, SplittableRandom stopRandom) {
    return of(request, stopMeanTokens, stopRandom, 0);
  }

  /**
   * @param reasoning the reasoning tokens this request's model wants to think first, 0 for none
   */
  static OutputLength of(
      ChatRequest request, int stopMeanTokens, SplittableRandom stopRandom, int reasoning) {
    int max = request.maxTokens();
    int thinking = Math.min(reasoning, max);
    if (stopMeanTokens == 0 || request.ignoreEos()) {
      return new OutputLength(max, thinking, LENGTH);
    }
    long first = Math.max(request.minTokens(), 1);
    long geometric = 1;
    if (stopMeanTokens > 1) {
      double u = stopRandom.nextDouble();
      double draws = Math.ceil(Math.log1p(-u) / Math.log1p(-1.0 / stopMeanTokens));
      geometric = Math.max(1, draws >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (long) draws);
    }
    long length = reasoning + first - 1 + geometric;
    return length < max
        ? new OutputLength((int) length, reasoning, STOP)
        : new OutputLength(max, thinking, LENGTH);
  }
}
