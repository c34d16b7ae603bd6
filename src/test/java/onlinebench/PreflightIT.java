package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server the run cannot use stops it within seconds, with one clear line, before any load. */
class PreflightIT {
  private static final long PREFLIGHT_BUDGET_MILLIS = 10_000;

  @TempDir Path results;

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private GatlingRun.Result runAgainstAClosedPort() throws Exception {
    return GatlingRun.against(URI.create("http://127.0.0.1:" + closedPort() + "/v1"))
        .property("model", "m")
        .into(results)
        .run();
  }

  @Test
  void closedPortStopsTheRunWithinSeconds() throws Exception {
    GatlingRun.Result r = runAgainstAClosedPort();
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("Cannot reach http://127.0.0.1:");
    assertThat(r.stderr()).contains("connection refused");
    assertThat(r.stdout()).doesNotContain("Progress:");
  }

  @Test
  void wrongKeyStopsTheRunWithTheKeyMasked() throws Exception {
    try (SimulatorServer server =
        SimulatorServer.start(SimulatorConfig.defaults().withApiKey("sk-right-key-0123456789"))) {
      GatlingRun.Result r =
          GatlingRun.against(server)
              .property("apiKey", "sk-wrong-key-0123456789")
              .into(results)
              .run();
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr()).contains("The server refused the API key sk-****89 (HTTP 401");
      assertThat(r.stdout() + r.stderr()).doesNotContain("sk-wrong-key-0123456789");
      assertThat(server.requestCount()).as("only the probe").isLessThanOrEqualTo(1);
    }
  }

  @Test
  void unknownModelStopsTheRunListingWhatTheServerOffers() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      GatlingRun.Result r =
          GatlingRun.against(server).property("model", "gpt-5").into(results).run();
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr())
          .contains("The server does not serve model \"gpt-5\"")
          .contains("it offers: simulated-llm");
      assertThat(server.requestCount()).as("only the probe").isEqualTo(1);
    }
  }

  @Test
  void preflightDecidesWellWithinTenSeconds() throws Exception {
    GatlingRun.Result r = runAgainstAClosedPort();
    Matcher took = Pattern.compile("Preflight failed \\(after (\\d+) ms\\)").matcher(r.stderr());
    assertThat(took.find()).as("stderr: %s", r.stderr()).isTrue();
    // measured from the probe's start: JVM and Gatling start-up vary with the machine's load
    assertThat(Long.parseLong(took.group(1)))
        .as("ms the probe took")
        .isBetween(0L, PREFLIGHT_BUDGET_MILLIS);
  }
}
