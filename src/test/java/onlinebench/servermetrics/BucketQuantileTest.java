package onlinebench.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BucketQuantileTest {

  private static TreeMap<Double, Double> buckets(double... boundThenCount) {
    TreeMap<Double, Double> map = new TreeMap<>();
    for (int i = 0; i < boundThenCount.length; i += 2) {
      map.put(boundThenCount[i], boundThenCount[i + 1]);
    }
    return map;
  }

  @Test
  void interpolatesWithinTheBucketTheRankFallsIn() {
    // 10 in (0, 0.1], 10 more in (0.1, 0.2]: the median is the first bucket's top, p75 halfway up
    // the second
    TreeMap<Double, Double> h = buckets(0.1, 10, 0.2, 20, Double.POSITIVE_INFINITY, 20);

    assertThat(BucketQuantile.of(h, 0.5).getAsDouble()).isCloseTo(0.1, within(1e-12));
    assertThat(BucketQuantile.of(h, 0.75).getAsDouble()).isCloseTo(0.15, within(1e-12));
    assertThat(BucketQuantile.of(h, 0.25).getAsDouble()).isCloseTo(0.05, within(1e-12));
  }

  @Test
  void aRankInTheInfBucketGivesTheHighestFiniteBound() {
    TreeMap<Double, Double> h = buckets(0.1, 1, Double.POSITIVE_INFINITY, 10);

    assertThat(BucketQuantile.of(h, 0.99)).hasValue(0.1);
  }

  @Test
  void anEmptyHistogramHasNoQuantile() {
    assertThat(BucketQuantile.of(buckets(0.1, 0, Double.POSITIVE_INFINITY, 0), 0.5)).isEmpty();
    assertThat(BucketQuantile.of(new TreeMap<>(), 0.5)).isEmpty();
  }
}
