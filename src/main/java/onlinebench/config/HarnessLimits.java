package onlinebench.config;

/**
 * When the harness counts as the bottleneck: its event loops or users running late by more than
 * {@code lagMs} at p99, or its process using more than {@code cpuShare} of the cores.
 *
 * @param lagMs event-loop lag or user turnaround, p99, in milliseconds
 * @param cpuShare process CPU time over wall time × cores, 0–1
 */
public record HarnessLimits(double lagMs, double cpuShare) {
  public static final HarnessLimits DEFAULT = new HarnessLimits(10.0, 0.90);

  /**
   * {@code -DharnessLagLimitMs} and {@code -DharnessCpuLimit}: the benchmark's and a scenario's.
   */
  static HarnessLimits parse(UserInput in) {
    return new HarnessLimits(
        Values.positiveNumber(in, Parameter.HARNESS_LAG_LIMIT_MS, DEFAULT.lagMs(), 1e6),
        Values.positiveNumber(in, Parameter.HARNESS_CPU_LIMIT, DEFAULT.cpuShare(), 1.0));
  }
}
