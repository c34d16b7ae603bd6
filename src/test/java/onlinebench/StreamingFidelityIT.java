package onlinebench;

import static onlinebench.FidelityRun.abs;
import static onlinebench.FidelityRun.percentile;
import static onlinebench.FidelityRun.truthItlsMs;
import static onlinebench.FidelityRun.truthTtftMs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streaming fidelity, end to end: the real simulation, forked through Gatling's main, against a
 * simulator started here in its own JVM with TTFT 200 ms, 20 ms per token and 64 tokens, at
 * concurrency 256 (all users in lockstep: 256 requests arrive together, 256 streams end together).
 * Two questions:
 *
 * <ul>
 *   <li>Does the run report the configured delays? This includes how late the simulator itself is,
 *       so the tolerances are what this shared 2-core machine gives (see {@link #TTFT_P99_MS}).
 *   <li>Does the harness report what the simulator did, request by request? requests.jsonl carries
 *       the server's x-request-id and every token's arrival; the truth log has the request's
 *       arrival and every token's write. That is the harness's own error, however late the
 *       simulator was.
 * </ul>
 */
class StreamingFidelityIT {
  private static final int CONCURRENCY = 256;
  private static final int TOKENS = 64;
  private static final int REQUESTS = 2048;
  private static final int WARMUP = 512;
  private static final double TTFT_MS = 200;
  private static final double ITL_MS = 20;

  // Tolerances, from the runs below on this shared 2-core machine while other tenants kept the
  // load average at 5-10 (CPU pressure ~80%); pinned, reported p50/p99 in ms; "error" is reported
  // minus the simulator's truth log, per request:
  //   TTFT 202.2/419.7  TPOT 20.02/22.45  ITL 20.00/30.1  error TTFT 1.7/219  |ITL| 0.04/12.0
  //   TTFT 203.7/357.6  TPOT 20.04/23.89  ITL 20.00/69.7  error TTFT 3.0/154  |ITL| 0.48/27.6
  //   TTFT 203.2/416.8  TPOT 20.04/20.61  ITL 20.00/30.6  error TTFT 2.5/217  |ITL| 0.04/19.4
  //   TTFT 219.2/359.9  TPOT 20.04/23.02  ITL 20.00/71.5  error TTFT 13.9/127 |ITL| 0.33/27.0
  //   TTFT 202.0/302.3  TPOT 20.04/21.56  ITL 20.00/32.8  error TTFT 1.6/102  |ITL| 0.05/20.0
  //   TTFT 204.7/437.8  TPOT 20.02/25.17  ITL 20.00/68.6  error TTFT 3.2/232  |ITL| 0.07/28.5
  //   TTFT 204.6/659.0  TPOT 20.02/23.84  ITL 19.99/89.6  error TTFT 3.3/459  |ITL| 0.20/58.7
  // then with the heap and Metaspace settings below (the first at load 11: skipped, see
  // assumeSimulatorKeptItsSchedule):
  //   TTFT 261.2/1039   TPOT 19.97/25.95  ITL 18.61/242   error TTFT 24.1/614 |ITL| 0.04/128
  //   TTFT 204.5/500.7  TPOT 20.02/22.59  ITL 20.00/65.1  error TTFT 3.3/300  |ITL| 0.07/36.6
  //   TTFT 202.6/413.4  TPOT 20.02/22.35  ITL 20.00/70.2  error TTFT 2.0/213  |ITL| 0.05/24.8
  // The TTFT tails come from the first measured round: its 256 users start over ~180 ms and
  // their requests reach the simulator 110-245 ms after the harness stamped them (warm-up users
  // are silent and end before measured users are injected; see the report of this change).
  // Medians hold within a few ms; tails follow the outside load (stalls of both JVMs at once), so
  // they are bounded only against gross failures (a lost timer, a stalled loop, a wrong join).
  private static final double SIMULATOR_MEDIAN_MS = 5;
  private static final double TTFT_MEDIAN_MS = 25;
  private static final double TOKEN_MEDIAN_MS = 0.5;
  private static final double TTFT_P99_MS = 1_000;
  private static final double TPOT_P99_MS = 10;
  private static final double ITL_P99_MS = 150;
  private static final double TTFT_ERROR_MEDIAN_MS = 20;
  private static final double TTFT_ERROR_P99_MS = 800;
  private static final double ITL_ERROR_MEDIAN_MS = 1;
  private static final double ITL_ERROR_P99_MS = 100;

  private static JsonNode summary;
  private static final List<Double> ttftErrors = new ArrayList<>();
  private static final List<Double> itlErrors = new ArrayList<>();
  private static final List<Double> simulatorTtfts = new ArrayList<>();
  private static final List<Double> simulatorItls = new ArrayList<>();
  private static List<JsonNode> requests;
  private static Map<String, JsonNode> truth;
  private static FidelityRun fidelity;

  @BeforeAll
  static void runAgainstTheSimulator() throws Exception {
    // Both JVMs get a fixed, pre-touched heap with a young generation big enough that the
    // simulator (about 4 MB/s) and the client do no young collection during the run; a young
    // collection here took 14-236 ms depending on the outside load. And a raised MetaspaceSize: the
    // client otherwise did a full GC "Metadata GC Threshold" (106 ms) just as the measured phase
    // began loading the recording path's classes, which was most of the first round's TTFT tail.
    fidelity =
        FidelityRun.start(
            Paths.get("target", "fidelity"),
            List.of(
                "-Xms512m",
                "-Xmx512m",
                "-Xmn400m",
                "-XX:MetaspaceSize=128m",
                "-XX:+AlwaysPreTouch"),
            (long) TTFT_MS,
            (long) ITL_MS,
            run ->
                run.jvmOptions(
                        List.of(
                            "-Xms1g", "-Xmx1g", "-XX:MetaspaceSize=256m", "-XX:+AlwaysPreTouch"))
                    .property("concurrency", CONCURRENCY)
                    .property("outputTokens", TOKENS)
                    .property("totalRequests", REQUESTS)
                    .property("warmupRequests", WARMUP));
    summary = fidelity.summary();
    requests = fidelity.requests();
    truth = fidelity.truth();
    compareWithTruth();
    System.out.printf(
        "StreamingFidelityIT: TTFT p50 %.2f p99 %.2f, TPOT p50 %.2f p99 %.2f, ITL p50 %.2f p99 %.2f;"
            + " harness error TTFT p50 %.3f |p99| %.3f, ITL |p50| %.3f |p99| %.3f ms;"
            + " simulator TTFT p50 %.2f ITL p50 %.2f ms%n",
        ms("median_ttft_ms"),
        ms("p99_ttft_ms"),
        ms("median_tpot_ms"),
        ms("p99_tpot_ms"),
        ms("median_itl_ms"),
        ms("p99_itl_ms"),
        percentile(ttftErrors, 50),
        percentile(abs(ttftErrors), 99),
        percentile(abs(itlErrors), 50),
        percentile(abs(itlErrors), 99),
        percentile(simulatorTtfts, 50),
        percentile(simulatorItls, 50));
  }

  /**
   * The timing checks need a machine on which the simulator itself can keep its schedule. When
   * other tenants saturate the cores (load average above 10 on 2 cores was seen), the simulator's
   * own median TTFT drifts by tens of ms and every figure follows it; that is the machine, not the
   * harness, so those checks are skipped with the simulator's figures as the reason.
   */
  private static void assumeSimulatorKeptItsSchedule() {
    double ttft = percentile(simulatorTtfts, 50);
    double itl = percentile(simulatorItls, 50);
    assumeTrue(
        Math.abs(ttft - TTFT_MS) < SIMULATOR_MEDIAN_MS && Math.abs(itl - ITL_MS) < 0.5,
        () ->
            String.format(
                "machine overloaded: the simulator's own median TTFT %.2f ms and ITL %.2f ms (truth"
                    + " log) are off its configured %.0f / %.0f ms",
                ttft, itl, TTFT_MS, ITL_MS));
  }

  /**
   * Per request: reported TTFT minus the simulator's (first write minus request read), and every
   * reported ITL minus the simulator's gap between the same two writes.
   */
  private static void compareWithTruth() {
    for (JsonNode r : requests) {
      JsonNode t = fidelity.truthOf(r);
      if (t == null) {
        continue; // reported by everyMeasuredRequestIsOneTheSimulatorServed
      }
      JsonNode arrivals = r.get("token_times_ms");
      assertThat(arrivals.size()).isEqualTo(t.get("chunk_nanos").size()).isEqualTo(TOKENS);
      double truthTtft = truthTtftMs(t);
      ttftErrors.add(r.get("ttft_ms").asDouble() - truthTtft);
      simulatorTtfts.add(truthTtft);
      List<Double> truthGaps = truthItlsMs(t);
      for (int i = 1; i < TOKENS; i++) {
        double truthGap = truthGaps.get(i - 1);
        double gap = arrivals.get(i).asDouble() - arrivals.get(i - 1).asDouble();
        itlErrors.add(gap - truthGap);
        simulatorItls.add(truthGap);
      }
    }
  }

  @Test
  void everyMeasuredRequestIsOneTheSimulatorServed() {
    assertThat(summary.get("completed").asInt()).isEqualTo(REQUESTS);
    assertThat(summary.get("failed").asInt()).isZero();
    assertThat(truth).hasSize(REQUESTS + WARMUP);
    assertThat(requests).hasSize(REQUESTS);
    assertThat(requests)
        .allSatisfy(r -> assertThat(truth).containsKey(r.get("request_id").asText()));
  }

  @Test
  void mediansAreTheConfiguredDelays() {
    assumeSimulatorKeptItsSchedule();
    assertThat(ms("median_ttft_ms"))
        .as("median TTFT, ms")
        .isBetween(TTFT_MS, TTFT_MS + TTFT_MEDIAN_MS);
    assertThat(ms("median_tpot_ms"))
        .as("median TPOT, ms")
        .isBetween(ITL_MS - 0.1, ITL_MS + TOKEN_MEDIAN_MS);
    assertThat(ms("median_itl_ms"))
        .as("median ITL, ms")
        .isBetween(ITL_MS - TOKEN_MEDIAN_MS, ITL_MS + TOKEN_MEDIAN_MS);
  }

  @Test
  void tailsStayNearTheConfiguredDelays() {
    assumeSimulatorKeptItsSchedule();
    assertThat(ms("p99_ttft_ms")).as("p99 TTFT, ms").isBetween(TTFT_MS, TTFT_MS + TTFT_P99_MS);
    assertThat(ms("p99_tpot_ms")).as("p99 TPOT, ms").isBetween(ITL_MS, ITL_MS + TPOT_P99_MS);
    assertThat(ms("p99_itl_ms")).as("p99 ITL, ms").isBetween(ITL_MS, ITL_MS + ITL_P99_MS);
  }

  @Test
  void harnessReportsWhatTheSimulatorDidRequestByRequest() {
    assertThat(ttftErrors).hasSize(REQUESTS);
    assumeSimulatorKeptItsSchedule();
    assertThat(percentile(ttftErrors, 50))
        .as("median TTFT error (reported - simulator), ms")
        .isBetween(0.0, TTFT_ERROR_MEDIAN_MS);
    assertThat(percentile(abs(ttftErrors), 99))
        .as("p99 |TTFT error|, ms")
        .isLessThan(TTFT_ERROR_P99_MS);
    assertThat(percentile(abs(itlErrors), 50))
        .as("median |ITL error|, ms")
        .isLessThan(ITL_ERROR_MEDIAN_MS);
    assertThat(percentile(abs(itlErrors), 99))
        .as("p99 |ITL error|, ms")
        .isLessThan(ITL_ERROR_P99_MS);
  }

  private static double ms(String field) {
    return summary.get(field).asDouble();
  }
}
