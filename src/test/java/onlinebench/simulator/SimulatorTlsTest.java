package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** sim.tls: HTTPS with a certificate made at start, trusted through the files the server gives. */
class SimulatorTlsTest {

  private static SimulatorConfig tlsConfig() {
    return SimulatorConfig.fast().withTls(true);
  }

  private static HttpClient trustingClient(Path trustStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStore)) {
      store.load(in, SimulatorServer.TRUST_STORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, trust.getTrustManagers(), null);
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build();
  }

  private static HttpRequest chat(SimulatorServer server) {
    return HttpRequest.newBuilder(server.url("chat/completions"))
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                chatBody("simulated-llm", "hi").put("max_tokens", 3).toString()))
        .build();
  }

  @Test
  void servesHttpsToAClientThatTrustsTheTrustStore() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(tlsConfig())) {
      assertThat(server.baseUrl()).hasToString("https://127.0.0.1:" + server.port() + "/v1");

      // The JDK client verifies the host name: the certificate names IP 127.0.0.1.
      HttpResponse<String> response =
          trustingClient(server.trustStore())
              .send(chat(server), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response.body()).get("usage").get("completion_tokens").asInt()).isEqualTo(3);
    }
  }

  @Test
  void aClientWithTheDefaultTrustRejectsTheSelfSignedCertificate() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(tlsConfig())) {
      HttpClient defaults = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      assertThatThrownBy(() -> defaults.send(chat(server), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void pemFileHoldsTheServedCertificateAndFilesGoAwayOnClose() throws Exception {
    Path pem;
    Path trustStore;
    try (SimulatorServer server = SimulatorServer.start(tlsConfig())) {
      pem = server.certificatePem();
      trustStore = server.trustStore();
      X509Certificate parsed;
      try (InputStream in = Files.newInputStream(pem)) {
        parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }

      assertThat(parsed).isEqualTo(server.certificate());
      assertThat(parsed.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
      assertThat(parsed.getSubjectAlternativeNames())
          .extracting(entry -> (Object) entry.get(1))
          .containsExactly((Object) "localhost", "127.0.0.1");
      parsed.verify(parsed.getPublicKey());
      parsed.checkValidity();
    }
    assertThat(pem).doesNotExist();
    assertThat(trustStore).doesNotExist();
  }

  @Test
  void plainServerHasNoCertificate() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      assertThat(server.baseUrl().getScheme()).isEqualTo("http");
      assertThatThrownBy(server::certificatePem)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the simulator serves plain HTTP (sim.tls=false)");
    }
  }
}
