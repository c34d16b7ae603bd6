package onlinebench.servermetrics;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;

/**
 * A quantile from a Prometheus histogram's cumulative buckets, the way PromQL's {@code
 * histogram_quantile} reads it: linear within the bucket the rank falls in, from the previous bound
 * (0 for the first) to this one; a rank in the +Inf bucket gives the highest finite bound. So it is
 * exact only to the server's bucket width, which the figure's name does not hide: documentation
 * says so.
 */
final class BucketQuantile {

  private BucketQuantile() {}

  /**
   * @param cumulative cumulative counts by upper bound (+Inf last), as {@code _bucket} samples
   * @param q the quantile, 0 to 1
   * @return empty when the histogram counted nothing
   */
  static OptionalDouble of(SortedMap<Double, Double> cumulative, double q) {
    if (cumulative.isEmpty()) {
      return OptionalDouble.empty();
    }
    double total = cumulative.get(cumulative.lastKey());
    if (!(total > 0)) {
      return OptionalDouble.empty();
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    double highestFinite = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      double bound = bucket.getKey();
      double count = bucket.getValue();
      if (Double.isInfinite(bound)) {
        return OptionalDouble.of(highestFinite);
      }
      highestFinite = bound;
      if (count >= rank) {
        double inBucket = count - lowerCount;
        double fraction = inBucket > 0 ? (rank - lowerCount) / inBucket : 1;
        return OptionalDouble.of(lowerBound + (bound - lowerBound) * fraction);
      }
      lowerBound = bound;
      lowerCount = count;
    }
    return OptionalDouble.of(highestFinite);
  }
}
