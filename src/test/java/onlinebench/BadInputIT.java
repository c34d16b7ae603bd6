package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input stops the real simulation with one clear line, before any request is sent. */
class BadInputIT {
  @TempDir Path results;
  private SimulatorServer server;

  @BeforeEach
  void startSimulator() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.defaults());
  }

  @AfterEach
  void stopSimulator() {
    server.close();
  }

  @Test
  void nonNumericConcurrencyStopsTheRunBeforeAnyRequest() throws Exception {
    GatlingRun.Result r =
        GatlingRun.against(server).property("concurrency", "abc").into(results).run();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains(
            "Invalid configuration: concurrency must be a whole number from 1 to 100000, got \"abc\""
                + " (-Dconcurrency)");
    assertThat(server.requestCount()).isZero();
    assertThat(r.stdout()).doesNotContain("Progress:");
  }

  @Test
  void missingModelWithApiBaseStopsTheRun() throws Exception {
    GatlingRun.Result r = GatlingRun.against(server.baseUrl()).into(results).run();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("model is required when apiBase is given");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void extraBodyThatIsNotAnObjectStopsTheRun() throws Exception {
    GatlingRun.Result r =
        GatlingRun.against(server).property("extraBody", "42").into(results).run();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("extraBody must be a JSON object");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void totalRequestsBesideAConversationWorkloadStopsTheRunNamingSessions() throws Exception {
    GatlingRun.Result r =
        GatlingRun.against(server)
            .property("workload", "conversation")
            .property("totalRequests", 100)
            .into(results)
            .run();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains(
            "Invalid configuration: a conversation workload is sized in sessions: give"
                + " -Dsessions=N (or -Dduration) instead of totalRequests, got \"100\""
                + " (-DtotalRequests)");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void aBadToolTimeStopsTheRunBeforeAnyRequest() throws Exception {
    GatlingRun.Result r =
        GatlingRun.against(server)
            .property("workload", "agent")
            .property("toolTime", "-1s")
            .into(results)
            .run();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .containsPattern(
            "Invalid configuration: toolTime must be 0, a duration .*got \"-1s\""
                + " \\(-DtoolTime\\)");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void searchWithoutAnSloStopsTheRunBeforeAnyRequest() throws Exception {
    GatlingRun.Result r =
        GatlingRun.against(server).property("search", "concurrency").into(results).run();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains(
            "Invalid configuration: search needs -Dslo to judge each level by, e.g."
                + " -Dslo=ttft.p99<500ms (-Dsearch=concurrency without -Dslo)");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void typoGetsADidYouMeanWarningAndTheRunStillWorks() throws Exception {
    GatlingRun.Result r =
        GatlingRun.against(server)
            .property("concurency", 4)
            .property("totalRequests", 6)
            .property("warmupRequests", 0)
            .property("outputTokens", 4)
            .property("promptTokens", 16)
            .into(results)
            .run();
    assertThat(r.stderr())
        .contains("Unknown property -Dconcurency ignored; did you mean -Dconcurrency?");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("Requests (ok/err): 6/0");
    assertThat(server.requestCount()).as("6 measured + 1 preflight probe").isEqualTo(7);
  }
}
