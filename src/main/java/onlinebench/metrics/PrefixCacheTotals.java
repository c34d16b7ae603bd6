package onlinebench.metrics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the server said of its prefix cache: the sums over successful requests whose usage carried
 * both {@code prompt_tokens} and {@code prompt_tokens_details.cached_tokens}. A server that never
 * says leaves them all 0, and the figures {@link #hitRate()} and {@link #totalCachedTokens()} are
 * then "not reported", never 0.
 *
 * @param requests successful requests that reported a cached count
 * @param cachedTokens their cached prompt tokens
 * @param promptTokens their prompt tokens, cached or not
 */
public record PrefixCacheTotals(long requests, long cachedTokens, long promptTokens) {
  /** Nothing reported. */
  public static final PrefixCacheTotals NONE = new PrefixCacheTotals(0, 0, 0);

  /** Both parts together. */
  public PrefixCacheTotals plus(PrefixCacheTotals o) {
    return new PrefixCacheTotals(
        requests + o.requests, cachedTokens + o.cachedTokens, promptTokens + o.promptTokens);
  }

  /** Cached tokens over the requests that reported them; empty when none did. */
  public OptionalLong totalCachedTokens() {
    return requests == 0 ? OptionalLong.empty() : OptionalLong.of(cachedTokens);
  }

  /**
   * The token-weighted hit rate: cached / prompt tokens of the requests that reported a cached
   * count, from 0 to 1; empty when none did (or their prompts were empty).
   */
  public OptionalDouble hitRate() {
    return requests == 0 || promptTokens == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) cachedTokens / promptTokens);
  }
}
