package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A duration-bounded closed run stops by itself once its time is spent; the requests in flight at
 * the deadline finish, are counted, and reported as in_flight_at_end; every total adds up.
 */
class DurationRunIT {
  private static final int CONCURRENCY = 4;
  private static final double DURATION_MS = 3000;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void stopsAtTheDeadlineAndReportsTheRequestsStillInFlight() throws Exception {
    Path results = dir.resolve("results");
    GatlingRun.Result r;
    List<TruthRecord> served;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ofMillis(100), Duration.ofMillis(20)))) {
      r =
          GatlingRun.against(server)
              .property("concurrency", CONCURRENCY)
              .property("duration", "3s")
              .property("warmupRequests", 4)
              .property("promptTokens", 16)
              .property("outputTokens", 16) // 100 + 15 × 20 = 400 ms a request
              .property("stream", true)
              .property("requestLog", true)
              .into(results)
              .run();
      served = server.servedRequests();
    }
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    JsonNode summary = r.summary();
    List<JsonNode> lines = r.requests();
    long completed = summary.get("completed").asLong();
    long failed = summary.get("failed").asLong();
    long inFlight = summary.get("in_flight_at_end").asLong();
    System.out.printf(
        "DurationRunIT: completed %d, failed %d, in flight at end %d, duration %.3f s%n",
        completed, failed, inFlight, summary.get("duration").asDouble());

    assertThat(completed + failed).as("every logged request is counted").isEqualTo(lines.size());
    assertThat(served)
        .as("the server saw the preflight, the warmup and the measured requests, no more")
        .hasSize(1 + 4 + lines.size());
    assertThat(failed).isZero();
    // 4 users × 3 s / ~0.4 s a request: about 30; generous for a shared machine
    assertThat(completed).isBetween(12L, 34L);
    assertThat(inFlight)
        .as("requests sent before the deadline and finished after it: at most one per user")
        .isBetween(1L, (long) CONCURRENCY);
    long endedAfter =
        lines.stream()
            .filter(
                l ->
                    l.get("start_offset_ms").asDouble() + l.get("e2el_ms").asDouble() > DURATION_MS)
            .count();
    assertThat(inFlight)
        .as("the logged requests that ended after 3 s of sending (±1 for where the clock starts)")
        .isBetween(endedAfter - 1, endedAfter + 1);
    assertThat(lines)
        .as("no request sent after the deadline")
        .allSatisfy(l -> assertThat(l.get("start_offset_ms").asDouble()).isLessThan(DURATION_MS));
    assertThat(summary.get("duration").asDouble())
        .as("the measured phase ends when the last in-flight request does")
        .isBetween(DURATION_MS / 1000, DURATION_MS / 1000 + 2);
    assertThat(r.stdout()).contains("Progress: ").contains("s/3s (");
    assertThat(r.stdout())
        .contains("Duration: 3s; " + inFlight + " requests were in flight at its end");
  }
}
