package onlinebench.simulator;

/**
 * When each output token of one request is due, in {@link System#nanoTime()} terms.
 *
 * <p>Token {@code i} (from 0) is due at {@code arrival + ttft + i * itl}. Deadlines are absolute,
 * so a late timer does not push every later token back: the stream catches up, as a server's decode
 * loop would. Responders ask for one deadline at a time, just before scheduling it, so a later
 * timing model may decide each one from the state of the server at that moment (batch size,
 * queueing).
 *
 * @param arrivalNanos when the full request was read
 * @param ttftNanos delay from arrival to the first token
 * @param itlNanos delay between consecutive tokens
 * @param outputTokens tokens to produce, at least 1
 */
record TokenSchedule(long arrivalNanos, long ttftNanos, long itlNanos, int outputTokens) {

  TokenSchedule {
    if (outputTokens < 1) {
      throw new IllegalArgumentException("outputTokens must be >= 1, got " + outputTokens);
    }
  }

  long tokenDueNanos(int tokenIndex) {
    return arrivalNanos + ttftNanos + itlNanos * tokenIndex;
  }

  /** When a non-streaming response, which carries every token, is due. */
  long lastTokenDueNanos() {
    return tokenDueNanos(outputTokens - 1);
  }

  /** Both delays are zero: everything is due at arrival. */
  boolean immediate() {
    return ttftNanos == 0 && itlNanos == 0;
  }
}
