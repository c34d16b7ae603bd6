package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import onlinebench.simulator.Fault;
import onlinebench.simulator.FaultPlan;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -DstopOnErrors} against a simulator that fails 90% of requests with HTTP 500: the run
 * stops long before its requests are spent, says so, writes its outputs, exits 3, and its counts
 * still add up to what the simulator received.
 */
class StopOnErrorsIT {
  /** The documented exit code of a run stopOnErrors stopped (RunOutputs). */
  private static final int STOPPED_EARLY = 3;

  private static final String REASON =
      "errors reached \\d+\\.\\d% of the last 20 requests \\(limit 50%\\)";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private static SimulatorConfig failingNineInTen() {
    // a success takes about 35 ms (20 ms to the first of 16 tokens 1 ms apart); a 500 comes at once
    return SimulatorConfig.fast()
        .withDelays(Duration.ofMillis(20), Duration.ofMillis(1))
        .withFaults(FaultPlan.rate(Fault.SERVER_ERROR, 0.9));
  }

  private static GatlingRun run(SimulatorServer server, Path results) {
    return GatlingRun.against(server)
        .withoutSelfWarmup()
        // every request the simulator receives is then a measured one
        .property("preflight", false)
        .property("warmupRequests", 0)
        .property("promptTokens", 32)
        .property("outputTokens", 16)
        .property("stopOnErrors", "50%/20")
        .into(results);
  }

  /** completed + failed + unfinished is every measured request sent, as the simulator counts. */
  private static void assertTotalsAddUp(JsonNode s, SimulatorServer server) {
    long sent = server.requestCount() - s.get("connection_retries").asLong();
    assertThat(
            s.get("completed").asLong() + s.get("failed").asLong() + s.get("unfinished").asLong())
        .as("completed + failed + unfinished vs requests the simulator received")
        .isEqualTo(sent);
    assertThat(s.get("unfinished").asLong()).as("the requests in flight were drained").isZero();
    assertThat(s.get("failed").asLong())
        .as("failed = sum of errors")
        .isEqualTo(
            RunFiles.ERROR_KINDS.stream().mapToLong(k -> s.get("errors").get(k).asLong()).sum());
  }

  @Test
  void aClosedRunAgainstAFailingServerStopsEarlyDrainsAndExitsThree() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(failingNineInTen())) {
      // 100,000 requests at 8 in flight: minutes of load if nothing stopped it
      GatlingRun.Result r =
          run(server, dir).property("concurrency", 8).property("totalRequests", 100_000).run();

      r.assertExitCode(STOPPED_EARLY);
      assertThat(r.stdout()).containsPattern("Stopping early: " + REASON);
      String stopped = "STOPPED EARLY (-DstopOnErrors=50%/20): errors reached";
      assertThat(r.stdout()).contains(stopped);
      assertThat(r.stdout().indexOf(stopped))
          .as("the stop is the summary's first line, before the counts")
          .isLessThan(r.stdout().indexOf("Requests (ok/err):"));

      JsonNode s = r.summary();
      assertThat(s.get("stopped_early").asBoolean()).isTrue();
      assertThat(s.get("stop_reason").asText()).matches(REASON);
      assertThat(s.get("partial").asBoolean()).as("stopped by the rule, not by a signal").isFalse();
      assertTotalsAddUp(s, server);
      long done = s.get("completed").asLong() + s.get("failed").asLong();
      // 20 outcomes fill the window; at most the 8 then in flight follow
      assertThat(done).as("requests measured").isBetween(20L, 20L + 8 + 8);
      assertThat(s.get("failed").asLong())
          .as("failures that reached 50%")
          .isGreaterThanOrEqualTo(10);
      assertThat(server.requestCount()).as("requests sent of 100,000").isLessThan(100);
    }
  }

  @Test
  void anOpenSweepStopsAtItsFirstLevelEvenWithTicketsHeldForMinutesAhead() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(failingNineInTen())) {
      // 4 req/s with a 300 s timeout: a pool of 1,200 users, each holding a ticket up to 300 s
      // ahead; a stopped run must not wait for them. The second level must not run at all.
      GatlingRun.Result r =
          run(server, dir)
              .property("requestRate", "4,8")
              .property("requestTimeout", "300s")
              .property("totalRequests", 2000)
              .run();

      r.assertExitCode(STOPPED_EARLY);
      // GatlingRun gives up after 180 s, as it would here if the held tickets were waited for
      assertThat(r.wallMillis())
          .as("the whole process, JVM start and self-warmup included; held tickets reach 300 s")
          .isBetween(1_000L, 150_000L);
      JsonNode s = r.summary();
      assertThat(s.get("stopped_early").asBoolean()).isTrue();
      assertThat(s.get("stop_reason").asText())
          .matches("at level 1 of 2 \\(rate 4\\): " + REASON + "; the last level did not run");
      assertThat(r.stdout()).contains("STOPPED EARLY (-DstopOnErrors=50%/20): at level 1 of 2");
      assertThat(s.get("levels")).as("only the level that ran").hasSize(1);
      JsonNode level = s.get("levels").get(0);
      assertThat(level.get("stopped_early").asBoolean()).isTrue();
      assertThat(level.get("stop_reason").asText()).matches(REASON);
      assertTotalsAddUp(level, server);
      // 20 outcomes at 4 req/s take about 5 s; little more may be sent before the stop
      assertThat(server.requestCount()).as("requests sent of 4,000").isBetween(20L, 40L);
    }
  }

  @Test
  void usersStillWaitingForTheirRampUpStartNeverSend() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(failingNineInTen())) {
      // 8 users started 75 s apart: the first fills the window alone within a second, and the
      // other 7, waiting up to 525 s for their start, must give up instead of sending
      GatlingRun.Result r =
          run(server, dir)
              .property("concurrency", 8)
              .property("rampUp", "600s")
              .property("totalRequests", 100_000)
              .run();

      r.assertExitCode(STOPPED_EARLY);
      assertThat(r.wallMillis())
          .as("the whole process; the last user's start was 525 s away")
          .isBetween(1_000L, 150_000L);
      JsonNode s = r.summary();
      assertThat(s.get("stop_reason").asText()).matches(REASON);
      assertTotalsAddUp(s, server);
      assertThat(server.requestCount())
          .as("one user sends one request at a time: the 20 that filled the window")
          .isEqualTo(20);
    }
  }
}
