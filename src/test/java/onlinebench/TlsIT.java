package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An https:// apiBase with a self-signed certificate (the simulator's sim.tls): trusted through
 * -DtlsTrust with its PEM file or =all, refused with a clear preflight line by the default system
 * trust.
 */
class TlsIT {
  private static final String KEY = "sk-tls-it-0123456789abcdef";
  private static final int TOTAL = 12;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path results;

  private SimulatorServer server;

  @BeforeEach
  void startHttpsSimulator() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.defaults()
                .withDelays(Duration.ofMillis(5), Duration.ofMillis(1))
                .withApiKey(KEY)
                .withTls(true));
  }

  @AfterEach
  void stopSimulator() {
    server.close();
  }

  private GatlingRun.Result run(String tlsTrust) throws Exception {
    GatlingRun run =
        GatlingRun.against(server)
            .withoutSelfWarmup()
            .property("apiKey", KEY)
            .property("stream", true)
            .property("concurrency", 3)
            .property("totalRequests", TOTAL)
            .property("warmupRequests", 2)
            .property("outputTokens", 8)
            .into(results);
    return (tlsTrust == null ? run : run.property("tlsTrust", tlsTrust)).run();
  }

  private void assertCompletedOverHttps(GatlingRun.Result r) throws Exception {
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    assertThat(r.stdout()).contains("Preflight ok");
    JsonNode summary = r.summary();
    assertThat(summary.get("completed").asLong()).isEqualTo(TOTAL);
    assertThat(summary.get("failed").asLong()).isZero();
    assertThat(summary.at("/config/apiBase").asText()).startsWith("https://");
    // preflight probe + /models, warm-up and measured requests, all over TLS
    assertThat(server.requestCount()).isGreaterThanOrEqualTo(TOTAL + 2 + 1);
    RunFiles.assertKeyNowhere(KEY, r, results);
  }

  @Test
  void trustingTheServersCertificateFileCompletesOverHttps() throws Exception {
    assertThat(server.baseUrl().getScheme()).isEqualTo("https");
    assertCompletedOverHttps(run(server.certificatePem().toString()));
  }

  @Test
  void trustAllCompletesOverHttps() throws Exception {
    assertCompletedOverHttps(run("all"));
  }

  @Test
  void systemTrustStopsAtPreflightNamingTheUntrustedCertificate() throws Exception {
    GatlingRun.Result r = run(null);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains(
            "Preflight failed (after ",
            "The TLS certificate of " + server.baseUrl() + " is not trusted",
            "unable to find valid certification path",
            "tlsTrust=system",
            "use -DtlsTrust=<PEM file of the server's certificate or its CA>, or -DtlsTrust=all");
    assertThat(r.stdout()).doesNotContain("Progress:");
    assertThat(server.requestCount()).as("no request got through the handshake").isZero();
  }
}
