package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
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

  private GatlingProcess.Result run(Map<String, String> properties) throws Exception {
    return GatlingProcess.run(properties, results, 120);
  }

  @Test
  void nonNumericConcurrencyStopsTheRunBeforeAnyRequest() throws Exception {
    GatlingProcess.Result r =
        run(
            Map.of(
                "apiBase",
                server.baseUrl().toString(),
                "model",
                "simulated-llm",
                "concurrency",
                "abc"));
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
    GatlingProcess.Result r = run(Map.of("apiBase", server.baseUrl().toString()));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("model is required when apiBase is given");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void extraBodyThatIsNotAnObjectStopsTheRun() throws Exception {
    GatlingProcess.Result r =
        run(
            Map.of(
                "apiBase",
                server.baseUrl().toString(),
                "model",
                "simulated-llm",
                "extraBody",
                "42"));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("extraBody must be a JSON object");
    assertThat(server.requestCount()).isZero();
  }

  @Test
  void typoGetsADidYouMeanWarningAndTheRunStillWorks() throws Exception {
    GatlingProcess.Result r =
        run(
            Map.of(
                "apiBase", server.baseUrl().toString(),
                "model", "simulated-llm",
                "concurency", "4",
                "totalRequests", "6",
                "warmupRequests", "0",
                "outputTokens", "4",
                "promptTokens", "16"));
    assertThat(r.stderr())
        .contains("Unknown property -Dconcurency ignored; did you mean -Dconcurrency?");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("Requests (ok/err): 6/0");
    assertThat(server.requestCount()).as("6 measured + 1 preflight probe").isEqualTo(7);
  }
}
