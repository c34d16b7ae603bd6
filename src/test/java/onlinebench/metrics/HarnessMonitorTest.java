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
    HarnessLoad load = monitor.load();
    assertThat(load.saturated()).isFalse();
    assertThat(load.eventLoopLagP99Ms()).isBetween(0.09, 0.11);
    assertThat(load.lagSamples()).isEqualTo(100);
  }

  @Test
  void lateEventLoopsMakeTheHarnessALimit() {
    HarnessMonitor monitor = new HarnessMonitor(10, Double.MAX_VALUE);
    monitor.start();
    for (int i = 0; i < 100; i++) {
      monitor.recordEventLoopLag(25 * MS);
    }
    HarnessLoad load = monitor.load();
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

    HarnessLoad load = monitor.load();

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
    monitor.recordTurnaround(50 * MS);
    assertThat(monitor.load().saturationReasons())
        .singleElement()
        .asString()
        .contains("from an answer to their next send");
  }

  @Test
  void cpuAboveItsBudgetMakesTheHarnessALimit() {
    HarnessMonitor monitor = new HarnessMonitor(10, 1e-9);
    monitor.start();
    long until = System.nanoTime() + 50 * MS;
    long spin = 0;
    while (System.nanoTime() < until) {
      spin++;
    }
    HarnessLoad load = monitor.load();
    assertThat(spin).isPositive();
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
}
