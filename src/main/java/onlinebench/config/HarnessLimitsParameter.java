package onlinebench.config;

/**
 * Parses {@code -DharnessLagLimitMs} and {@code -DharnessCpuLimit}: the benchmark's and a
 * scenario's.
 */
final class HarnessLimitsParameter {
  private HarnessLimitsParameter() {}

  static HarnessLimits parse(UserInput in) {
    return new HarnessLimits(
        Values.positiveNumber(
            in, Parameter.HARNESS_LAG_LIMIT_MS, HarnessLimits.DEFAULT.lagMs(), 1e6),
        Values.positiveNumber(
            in, Parameter.HARNESS_CPU_LIMIT, HarnessLimits.DEFAULT.cpuShare(), 1.0));
  }
}
