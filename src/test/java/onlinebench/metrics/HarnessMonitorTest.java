package onlinebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HarnessMonitorTest {
  private static final long MS = 1_000_000;

  @Test
  void quietHarnessIsNotALimit() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    for (int i = 0; i < 100; i++) {
      monitor.recordEventLoopLag(MS / 10);
      monitor.recordTurnaround(MS / 20);
    }
    HarnessCheck load = monitor.load();
    assertThat(load.saturated()).isFalse();
    assertThat(load.verdict()).isEqualTo(HarnessCheck.Verdict.NOT_A_LIMIT);
    assertThat(load.eventLoopLagP99Ms()).isBetween(0.09, 0.11);
    assertThat(load.lagSamples()).isEqualTo(100);
  }

  @Test
  void aLaterVerdictCoversEverythingSinceTheStart() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    for (int i = 0; i < 60; i++) {
      monitor.recordEventLoopLag(MS / 10);
    }
    assertThat(monitor.load().lagSamples()).isEqualTo(60);
    for (int i = 0; i < 60; i++) {
      monitor.recordEventLoopLag(MS / 10);
    }

    HarnessCheck later = monitor.load();

    assertThat(later.lagSamples()).as("the first verdict took nothing away").isEqualTo(120);
    assertThat(later.verdict()).isEqualTo(HarnessCheck.Verdict.NOT_A_LIMIT);
  }

  @Test
  void aHandfulOfLateSamplesIsTooShortToJudge() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    // a run of under a second on two loops, late while the JIT compiled what it had just started
    for (int i = 0; i < 30; i++) {
      monitor.recordEventLoopLag(30 * MS);
      monitor.recordTurnaround(30 * MS);
    }

    HarnessCheck load = monitor.load();

    assertThat(load.saturationReasons()).isEmpty();
    assertThat(load.verdict()).isEqualTo(HarnessCheck.Verdict.TOO_SHORT_TO_JUDGE);
    assertThat(load.eventLoopLagP99Ms()).as("the figures are still shown").isGreaterThan(29.0);
  }

  @Test
  void aRunWithoutProbeSamplesIsTooShortToJudge() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    assertThat(monitor.load().verdict()).isEqualTo(HarnessCheck.Verdict.TOO_SHORT_TO_JUDGE);
  }

  @Test
  void theHundredthSampleMakesTheLagJudged() {
    assertThat(lateSamples(HarnessCheck.MIN_LAG_SAMPLES - 1).verdict())
        .isEqualTo(HarnessCheck.Verdict.TOO_SHORT_TO_JUDGE);
    assertThat(lateSamples(HarnessCheck.MIN_LAG_SAMPLES).verdict())
        .isEqualTo(HarnessCheck.Verdict.SATURATED);
  }

  private static HarnessCheck lateSamples(long count) {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    for (long i = 0; i < count; i++) {
      monitor.recordEventLoopLag(25 * MS);
    }
    return monitor.load();
  }

  @Test
  void lateEventLoopsMakeTheHarnessALimit() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    for (int i = 0; i < 100; i++) {
      monitor.recordEventLoopLag(25 * MS);
    }
    HarnessCheck load = monitor.load();
    assertThat(load.saturated()).isTrue();
    assertThat(load.saturationReasons())
        .singleElement()
        .asString()
        .contains("event loops ran due work 25.0 ms late");
  }

  @Test
  void oneLongStallMakesTheHarnessALimitThoughTheLagP99IsLow() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    // a minute of two loops probed every 50 ms, with one 900 ms stall seen by both
    for (int i = 0; i < 2_400; i++) {
      monitor.recordEventLoopLag(MS / 10);
    }
    monitor.recordEventLoopLag(900 * MS);
    monitor.recordEventLoopLag(900 * MS);

    HarnessCheck load = monitor.load();

    assertThat(load.eventLoopLagP99Ms()).isLessThan(1.0);
    assertThat(load.saturationReasons())
        .singleElement()
        .asString()
        .contains("event loops stalled beyond 10 ms for 1.5% of the run (longest 900 ms");
  }

  @Test
  void rareShortPausesAreNotALimit() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    // a minute of two loops with four 100 ms collector pauses: 0.6% of the time
    for (int i = 0; i < 2_400; i++) {
      monitor.recordEventLoopLag(MS / 10);
    }
    for (int i = 0; i < 8; i++) {
      monitor.recordEventLoopLag(100 * MS);
    }

    assertThat(monitor.load().saturated()).isFalse();
  }

  @Test
  void slowTurnaroundMakesTheHarnessALimit() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    for (int i = 0; i < 100; i++) {
      monitor.recordTurnaround(50 * MS);
    }
    assertThat(monitor.load().saturationReasons())
        .singleElement()
        .asString()
        .contains("from an answer to their next send");
  }

  @Test
  void aFewSlowTurnaroundsAreNoVerdict() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    for (int i = 0; i < 200; i++) {
      monitor.recordEventLoopLag(MS / 10);
    }
    // 24 turnarounds: a light run's 32 requests at concurrency 8
    for (int i = 0; i < 24; i++) {
      monitor.recordTurnaround(50 * MS);
    }
    assertThat(monitor.load().verdict()).isEqualTo(HarnessCheck.Verdict.NOT_A_LIMIT);
  }

  @Test
  void cpuOverLessThanASecondIsNoVerdict() {
    HarnessMonitor monitor = new HarnessMonitor(10, 1e-9);
    monitor.start();
    spin(50 * MS);
    HarnessCheck load = monitor.load();
    assertThat(load.cpuShare()).isPositive();
    assertThat(load.saturationReasons()).isEmpty();
  }

  @Test
  void cpuAboveItsBudgetMakesTheHarnessALimit() {
    HarnessMonitor monitor = new HarnessMonitor(10, 1e-9, 10 * MS);
    monitor.start();
    spin(50 * MS);
    HarnessCheck load = monitor.load();
    assertThat(load.cpuShare()).isPositive();
    assertThat(load.saturationReasons()).anySatisfy(r -> assertThat(r).contains("cores"));
  }

  @Test
  void warmupBeforeStartIsNotCounted() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.recordEventLoopLag(500 * MS);
    monitor.start();
    monitor.recordEventLoopLag(MS);
    assertThat(monitor.load().eventLoopLagMaxMs()).isLessThan(2.0);
  }

  @Test
  void probeIsClaimedOnce() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    assertThat(monitor.claimProbe()).isTrue();
    assertThat(monitor.claimProbe()).isFalse();
  }

  private static void spin(long nanos) {
    long until = System.nanoTime() + nanos;
    long spins = 0;
    while (System.nanoTime() < until) {
      spins++;
    }
    assertThat(spins).isPositive();
  }
}
