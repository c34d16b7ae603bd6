package onlinebench.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import onlinebench.config.ApiKey;
import onlinebench.config.Endpoint;
import onlinebench.config.TlsTrust;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;

/** The preflight probe against the simulator over HTTPS: what it says about TLS trust. */
class PreflightTest {
  private static final String MODEL = "simulated-llm";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static SimulatorServer https() throws Exception {
    return SimulatorServer.start(SimulatorConfig.defaults().withTls(true));
  }

  private static Preflight preflight(URI apiBase, TlsTrust trust) throws Exception {
    return new Preflight(apiBase, ApiKey.of(""), MODEL, Endpoint.CHAT, TIMEOUT, trust);
  }

  @Test
  void selfSignedCertificateUnderSystemTrustIsNamedWithTheTlsTrustHint() throws Exception {
    try (SimulatorServer server = https()) {
      assertThatThrownBy(() -> preflight(server.baseUrl(), TlsTrust.SYSTEM).check())
          .isInstanceOf(PreflightException.class)
          .hasMessageStartingWith("The TLS certificate of " + server.baseUrl() + " is not trusted")
          .hasMessageContaining("unable to find valid certification path")
          .hasMessageContaining("tlsTrust=system")
          .hasMessageContaining("-DtlsTrust=<PEM file")
          .hasMessageContaining("-DtlsTrust=all")
          .message()
          .doesNotContain("Cannot reach", "is the server running", "\n");
    }
  }

  @Test
  void aPemFileOfAnotherCertificateIsNotTrustEitherAndIsNamed() throws Exception {
    try (SimulatorServer server = https();
        SimulatorServer other = https()) {
      TlsTrust wrong = TlsTrust.pemFile(other.certificatePem());

      assertThatThrownBy(() -> preflight(server.baseUrl(), wrong).check())
          .isInstanceOf(PreflightException.class)
          .hasMessageContaining("is not trusted")
          .hasMessageContaining("tlsTrust=" + other.certificatePem());
    }
  }

  @Test
  void theServersOwnCertificateOrTrustAllPasses() throws Exception {
    try (SimulatorServer server = https()) {
      assertThat(preflight(server.baseUrl(), TlsTrust.pemFile(server.certificatePem())).check())
          .isEmpty();
      assertThat(preflight(server.baseUrl(), TlsTrust.ALL).check()).isEmpty();
    }
  }

  @Test
  void httpsToAPlainHttpPortSaysTheHandshakeFailed() throws Exception {
    try (SimulatorServer plain = SimulatorServer.start(SimulatorConfig.defaults())) {
      URI wrongScheme = URI.create(plain.baseUrl().toString().replace("http://", "https://"));

      assertThatThrownBy(() -> preflight(wrongScheme, TlsTrust.ALL).check())
          .isInstanceOf(PreflightException.class)
          .hasMessageStartingWith("TLS handshake with " + wrongScheme + " failed (")
          .hasMessageContaining("does the server speak HTTPS on that port?")
          .message()
          .doesNotContain("is not trusted");
    }
  }

  @Test
  void theProbeGoesToTheChosenEndpointAndA404NamesIt() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      URI wrongBase = URI.create(server.baseUrl() + "/nope");
      Preflight completions =
          new Preflight(
              server.baseUrl(), ApiKey.of(""), MODEL, Endpoint.COMPLETIONS, TIMEOUT, TlsTrust.ALL);
      Preflight lost =
          new Preflight(
              wrongBase, ApiKey.of(""), MODEL, Endpoint.COMPLETIONS, TIMEOUT, TlsTrust.ALL);

      assertThat(completions.check()).isEmpty();
      assertThatThrownBy(lost::check)
          .isInstanceOf(PreflightException.class)
          .hasMessageStartingWith("POST " + wrongBase + "/completions answered HTTP 404: ")
          .hasMessageContaining("does the server serve the legacy /completions?");
      assertThat(server.takeRequest().id())
          .as("what the simulator served: one legacy completion")
          .isEqualTo("cmpl-sim-1");
      assertThat(server.takeRequest(Duration.ofMillis(100))).as("and nothing else").isNull();
    }
  }
}
