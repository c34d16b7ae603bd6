package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLO gates through real Gatling runs against the simulator: a run that meets its clauses exits 0;
 * one that misses a clause Gatling cannot check (TPOT) or one it can (E2E latency, as a Gatling
 * assertion) exits non-zero — and Gatling's HTML report is written either way.
 */
class SloGateIT {
  private static final int TOTAL = 40;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path results;

  private GatlingRun.Result run(String slo) throws Exception {
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.defaults().withDelays(Duration.ofMillis(10), Duration.ofMillis(2)))) {
      return GatlingRun.against(server)
          .property("stream", true)
          .property("concurrency", 4)
          .property("totalRequests", TOTAL)
          .property("warmupRequests", 4)
          .property("promptTokens", 16)
          .property("outputTokens", 8)
          .property("slo", slo)
          .into(results)
          .run();
    }
  }

  private static Path gatlingReport(GatlingRun.Result r) throws Exception {
    Path index = r.file("index.html");
    assertThat(index).as("Gatling's HTML report").exists();
    assertThat(Files.size(index)).isGreaterThan(1000);
    return index;
  }

  @Test
  void aRunThatMeetsEveryClauseExitsZero() throws Exception {
    GatlingRun.Result r =
        run("e2el.p99<60s,ttft.p95<30s,tpot.p99<5s,errors<=0,request_throughput>0.1,ttft<30s");

    r.assertExitCode(0);
    assertThat(r.stdout())
        .contains("PASS  e2el.p99<60s")
        .contains("PASS  tpot.p99<5s")
        .contains("GOOD  ttft<30s")
        .contains("SLO: PASS (0 of 5 gates failed)")
        .contains("Goodput: ")
        .contains("(" + TOTAL + " of " + TOTAL + " requests met every per-request SLO: 100.0%)");
    gatlingReport(r);
    JsonNode summary = r.summary();
    assertThat(summary.get("slo").get("passed").asBoolean()).isTrue();
    assertThat(summary.get("good_requests").asLong()).isEqualTo(TOTAL);
    assertThat(summary.get("good_request_fraction").asDouble()).isEqualTo(1.0);
    assertThat(summary.get("request_goodput").asDouble())
        .isEqualTo(summary.get("request_throughput").asDouble());
    assertThat(r.file("summary.csv")).exists();
  }

  @Test
  void missingAClauseGatlingDoesNotHoldExitsNonZeroAfterTheReport() throws Exception {
    GatlingRun.Result r = run("tpot.p99<1us,errors<=0");

    r.assertExitCode(2);
    assertThat(r.stdout())
        .containsPattern("FAIL  tpot\\.p99<1us\\s+measured \\d+\\.\\d\\d ms")
        .contains("SLO: FAIL (1 of 2 gates failed)");
    // Gatling's own assertion (errors) held, so Gatling alone would have exited 0
    assertThat(r.stdout())
        .contains("chat: count of failed events is less than or equal to 0.0 : true");
    Path report = gatlingReport(r);
    assertThat(r.stdout().indexOf("SLO: FAIL")).isLessThan(r.stdout().indexOf("Reports generated"));
    assertThat(r.stdout()).contains(report.getParent().getFileName().toString());
    JsonNode tpot = r.summary().get("slo").get("clauses").get(0);
    assertThat(tpot.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(tpot.get("measured").asDouble()).isGreaterThan(0.001);
  }

  @Test
  void missingALatencyGatlingHoldsFailsItsAssertion() throws Exception {
    GatlingRun.Result r = run("e2el.p99<1ms");

    r.assertExitCode(2);
    assertThat(r.stdout())
        .containsPattern("FAIL  e2el\\.p99<1ms\\s+measured \\d+\\.\\d\\d ms")
        .containsPattern("chat: 99th percentile of response time is less than 1.0 : false");
    gatlingReport(r);
  }

  @Test
  void aMalformedClauseStopsTheRunBeforeAnyRequest() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      GatlingRun.Result r =
          GatlingRun.against(server)
              .property("slo", "e2el.p99<2s,ttft.p95<500")
              .into(results)
              .run();

      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr().strip().lines())
          .containsExactly(
              "Invalid configuration: slo has a malformed clause \"ttft.p95<500\" (a duration"
                  + " needs a unit: us, ms or s); accepted: "
                  + onlinebench.config.slo.SloSet.GRAMMAR
                  + ", got \"e2el.p99<2s,ttft.p95<500\" (-Dslo)");
      assertThat(server.requestCount()).isZero();
      assertThat(r.stdout()).doesNotContain("Progress:");
    }
  }
}
