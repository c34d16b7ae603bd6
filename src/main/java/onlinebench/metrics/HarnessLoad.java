package onlinebench.metrics;

import java.util.List;

/**
 * How hard the harness itself worked during the measured phase, and whether that bounded the
 * figures.
 *
 * @param eventLoopLagP99Ms p99 of how late the client's event loops ran a task that was due
 * @param eventLoopLagMaxMs the worst such delay
 * @param lagSamples how many probe tasks ran
 * @param turnaroundP99Ms p99 of a user's time from an answer to its next send
 * @param cpuShare process CPU time over wall time × cores (0–1); includes the built-in simulator
 *     when it runs in the same process
 * @param cores the cores the process could use
 * @param saturationReasons why the harness was a limit; empty when it was not
 */
public record HarnessLoad(
    double eventLoopLagP99Ms,
    double eventLoopLagMaxMs,
    long lagSamples,
    double turnaroundP99Ms,
    double cpuShare,
    int cores,
    List<String> saturationReasons) {

  public HarnessLoad {
    saturationReasons = List.copyOf(saturationReasons);
  }

  /** True when the figures were bounded by the client, not the server. */
  public boolean saturated() {
    return !saturationReasons.isEmpty();
  }
}
