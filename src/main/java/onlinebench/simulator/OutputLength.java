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
 * @param tokens output tokens, at least 1
 * @param finishReason {@code stop} or {@code length}
 */
record OutputLength(int tokens, String finishReason) {

  static final String LENGTH = "length";
  static final String STOP = "stop";

  static OutputLength of(ChatRequest request, int stopMeanTokens, SplittableRandom stopRandom) {
    int max = request.maxTokens();
    if (stopMeanTokens == 0 || request.ignoreEos()) {
      return new OutputLength(max, LENGTH);
    }
    long first = Math.max(request.minTokens(), 1);
    long geometric = 1;
    if (stopMeanTokens > 1) {
      double u = stopRandom.nextDouble();
      double draws = Math.ceil(Math.log1p(-u) / Math.log1p(-1.0 / stopMeanTokens));
      geometric = Math.max(1, draws >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (long) draws);
    }
    long length = first - 1 + geometric;
    return length < max ? new OutputLength((int) length, STOP) : new OutputLength(max, LENGTH);
  }
}
