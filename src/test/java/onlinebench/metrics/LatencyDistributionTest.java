package onlinebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalLong;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyDistributionTest {
  private static final long MS = 1_000_000;

  @Test
  void narrowSpreadGetsEqualWidthBinsFromMinToMax() {
    Histogram nanos = new Histogram(3);
    // max < 2 × min
    for (int ms = 1000; ms < 2000; ms++) {
      nanos.recordValue(ms * MS);
    }
    LatencyDistribution d = LatencyDistribution.ofNanos(nanos);

    assertThat(d.count()).isEqualTo(1000);
    assertThat(d.binScale()).isEqualTo("linear");
    assertThat(d.bins()).hasSize(LatencyDistribution.BINS);
    assertThat(d.bins().stream().mapToLong(LatencyDistribution.Bin::count).sum()).isEqualTo(1000);
    assertThat(d.bins().get(0).fromMs()).isCloseTo(1000, within(1.0));
    assertThat(d.bins().get(d.bins().size() - 1).toMs()).isGreaterThanOrEqualTo(d.maxMs());
    // uniform values: every bin holds about a 40th of them
    assertThat(d.bins()).allSatisfy(b -> assertThat(b.count()).isBetween(20L, 30L));
  }

  @Test
  void longTailGetsLogSpacedBins() {
    Histogram nanos = new Histogram(3);
    nanos.recordValueWithCount(30 * MS, 900);
    nanos.recordValueWithCount(35 * MS, 90);
    nanos.recordValueWithCount(1_200 * MS, 10);
    LatencyDistribution d = LatencyDistribution.ofNanos(nanos);

    assertThat(d.binScale()).isEqualTo("log");
    assertThat(d.bins()).hasSize(LatencyDistribution.BINS);
    assertThat(d.bins().stream().mapToLong(LatencyDistribution.Bin::count).sum()).isEqualTo(1000);
    assertThat(d.bins().get(0).fromMs()).isCloseTo(30, within(0.05));
    assertThat(d.bins().get(39).toMs()).isCloseTo(d.maxMs(), within(0.01));
    assertThat(d.bins().get(39).count()).isEqualTo(10);
    // equal ratios: 30 ms and 35 ms land in different bins, where 40 equal-width bins would not
    assertThat(d.bins().get(0).count()).isEqualTo(900);
    double ratio = d.bins().get(1).toMs() / d.bins().get(1).fromMs();
    assertThat(d.bins().get(20).toMs() / d.bins().get(20).fromMs()).isCloseTo(ratio, within(1e-9));
  }

  @Test
  void oneRepeatedValueMakesOneBin() {
    Histogram nanos = new Histogram(3);
    nanos.recordValueWithCount(20 * MS, 7);
    LatencyDistribution d = LatencyDistribution.ofNanos(nanos);
    assertThat(d.bins()).hasSize(1);
    assertThat(d.bins().get(0).count()).isEqualTo(7);
  }

  @Test
  void emptyHistogramHasNoDistribution() {
    assertThat(LatencyDistribution.ofNanos(new Histogram(3))).isNull();
  }

  @Test
  void percentileTableAgreesWithTheSummary() {
    RunRecorder recorder = new RunRecorder();
    for (int i = 1; i <= 500; i++) {
      recorder.record(
          RequestRecord.completed(0, i * 3 * MS, OptionalLong.of(1), OptionalLong.of(1)));
    }
    LatencyStats stats = recorder.summarize().latency(LatencyMetric.E2EL);
    LatencyDistribution d = recorder.distributions().get(LatencyMetric.E2EL);
    assertThat(d.percentiles())
        .extracting(LatencyDistribution.Percentile::percentile)
        .containsExactly(1.0, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9);
    assertThat(valueAt(d, 50)).isEqualTo(stats.medianMs());
    assertThat(valueAt(d, 90)).isEqualTo(stats.p90Ms());
    assertThat(valueAt(d, 95)).isEqualTo(stats.p95Ms());
    assertThat(valueAt(d, 99)).isEqualTo(stats.p99Ms());
    assertThat(d.meanMs()).isEqualTo(stats.meanMs());
    assertThat(recorder.distributions().get(LatencyMetric.TTFT)).isNull();
  }

  private static double valueAt(LatencyDistribution d, double percentile) {
    return d.percentiles().stream()
        .filter(p -> p.percentile() == percentile)
        .findFirst()
        .orElseThrow()
        .valueMs();
  }
}
