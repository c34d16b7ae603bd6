package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open model sends on its arrival schedule: Poisson send times, as recorded in requests.jsonl,
 * pass a Kolmogorov–Smirnov test against the exponential gaps of the configured rate, where a
 * constant schedule's fail it; a constant schedule's gaps are 1 / rate within a few ms.
 */
class OpenModelArrivalsIT {
  private static final double RATE = 20;
  private static final int REQUESTS = 150;

  /** Kolmogorov's asymptotic critical value at α = 0.01 is 1.628 / √n. */
  private static final double KS_ALPHA_001 = 1.628;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** The sorted actual send times (ms) and intended send times (ms) of one run. */
  private record Sends(double[] actual, double[] intended, JsonNode summary) {}

  private Sends run(String arrival) throws Exception {
    Path results = dir.resolve(arrival);
    GatlingRun.Result r;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.defaults().withDelays(Duration.ofMillis(5), Duration.ofMillis(1)))) {
      r =
          GatlingRun.against(server)
              .property("requestRate", Double.toString(RATE))
              .property("arrival", arrival)
              .property("totalRequests", REQUESTS)
              .property("warmupRequests", 20)
              .property("promptTokens", 16)
              .property("outputTokens", 4)
              .property("requestLog", true)
              .into(results)
              .run();
    }
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    assertThat(r.stdout()).contains("Open model: 20 req/s, " + arrival + " arrivals");
    assertThat(r.stdout()).contains("Send lag (actual - intended, ms): p50 ");
    List<JsonNode> lines = r.requests();
    assertThat(lines).hasSize(REQUESTS);
    double[] actual =
        lines.stream().mapToDouble(l -> l.get("start_offset_ms").asDouble()).toArray();
    double[] intended =
        lines.stream().mapToDouble(l -> l.get("intended_offset_ms").asDouble()).toArray();
    Arrays.sort(actual);
    Arrays.sort(intended);
    return new Sends(actual, intended, r.summary());
  }

  private static double[] gaps(double[] sortedMs) {
    double[] gaps = new double[sortedMs.length - 1];
    for (int i = 1; i < sortedMs.length; i++) {
      gaps[i - 1] = (sortedMs[i] - sortedMs[i - 1]) / 1000;
    }
    return gaps;
  }

  /** The Kolmogorov–Smirnov statistic of gaps (s) against the exponential of rate RATE. */
  private static double ksAgainstExponential(double[] gapsSeconds) {
    double[] x = gapsSeconds.clone();
    Arrays.sort(x);
    int n = x.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double cdf = 1 - Math.exp(-RATE * x[i]);
      d = Math.max(d, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
    }
    return d;
  }

  private static double criticalValue(int n) {
    return KS_ALPHA_001 / Math.sqrt(n);
  }

  @Test
  void poissonSendTimesFitTheExponentialAndConstantOnesDoNot() throws Exception {
    Sends poisson = run("poisson");
    double[] poissonGaps = gaps(poisson.actual());
    double dPoisson = ksAgainstExponential(poissonGaps);
    double critical = criticalValue(poissonGaps.length);
    System.out.printf(
        "OpenModelArrivalsIT: poisson KS D=%.4f (critical %.4f at 0.01), mean gap %.2f ms%n",
        dPoisson, critical, Arrays.stream(poissonGaps).average().orElseThrow() * 1000);
    assertThat(dPoisson)
        .as("KS distance of the actual send gaps from Exp(%s/s)", RATE)
        .isLessThan(critical);
    assertThat(poisson.summary().get("request_rate").asDouble()).isEqualTo(RATE);
    assertThat(poisson.summary().get("arrival").asText()).isEqualTo("poisson");
    assertThat(poisson.summary().get("completed").asLong()).isEqualTo(REQUESTS);
    assertThat(poisson.summary().get("median_e2el_from_intended_ms").asDouble())
        .as("latency from the intended send includes the send lag")
        .isGreaterThanOrEqualTo(poisson.summary().get("median_e2el_ms").asDouble() - 0.5);

    Sends constant = run("constant");
    double[] constantGaps = gaps(constant.actual());
    double dConstant = ksAgainstExponential(constantGaps);
    System.out.printf("OpenModelArrivalsIT: constant KS D=%.4f%n", dConstant);
    assertThat(dConstant)
        .as("the same test rejects a constant schedule's gaps")
        .isGreaterThan(criticalValue(constantGaps.length));
    for (double gap : gaps(constant.intended())) {
      assertThat(gap).as("intended gap, s").isCloseTo(1 / RATE, within(1e-5));
    }
    double[] errorsMs =
        Arrays.stream(constantGaps).map(g -> Math.abs(g * 1000 - 1000 / RATE)).sorted().toArray();
    System.out.printf(
        "OpenModelArrivalsIT: constant gap error median %.2f ms, p90 %.2f ms%n",
        errorsMs[errorsMs.length / 2], errorsMs[errorsMs.length * 9 / 10]);
    assertThat(errorsMs[errorsMs.length / 2])
        .as("median |actual gap - 50 ms|, ms (the event loop's timer and a shared machine)")
        .isLessThan(3.0);
  }
}
