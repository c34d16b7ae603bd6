package onlinebench.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import onlinebench.config.ApiKey;
import onlinebench.config.ServerMetricsSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scraper against JDK HTTP servers on loopback port 0: one that serves metrics (and records the
 * Authorization headers it gets), one that answers 404.
 */
class ServerMetricsScraperTest {
  private static final String KEY = "sk-scraper-secret-0123456789";
  private static final String BODY =
      "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running 3\n"
          + "vllm:generation_tokens_total 42\nother_family 1\n";

  @TempDir Path dir;

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> printed = new ArrayList<>();
  private final List<String> notices = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(s -> s.stop(0));
  }

  private URI server(int status, String contentType, String body) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    servers.add(server);
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private Optional<ServerMetricsScraper> start(
      ServerMetricsSetting setting, URI apiBase, AtomicLong origin) throws Exception {
    return ServerMetricsScraper.start(
        setting,
        apiBase,
        ApiKey.of(KEY),
        SSLContext.getDefault(),
        origin::get,
        notices::add,
        dir.resolve("metrics.jsonl"),
        printed::add);
  }

  @Test
  void autoScrapesTheServerRootAndWritesLinesOnceTheMeasuredPhaseBegins() throws Exception {
    URI root = server(200, "text/plain; version=0.0.4", BODY);
    AtomicLong origin = new AtomicLong(Long.MAX_VALUE);
    ServerMetricsScraper scraper =
        start(
                new ServerMetricsSetting(
                    ServerMetricsSetting.Mode.AUTO, List.of(), Duration.ofMillis(100)),
                root.resolve("/v1"),
                origin)
            .orElseThrow();
    assertThat(printed)
        .containsExactly("Server metrics: scraping " + root + "/metrics every 100 ms");
    assertThat(Files.readString(scraper.file())).as("nothing before the origin is known").isEmpty();

    origin.set(System.nanoTime());
    scraper.close();

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(scraper.file())) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertThat(lines).hasSizeGreaterThanOrEqualTo(2).hasSize(scraper.samples().size());
    JsonNode first = lines.get(0);
    assertThat(first.get("offset_s").asDouble()).isNegative();
    assertThat(first.get("running").asDouble()).isEqualTo(3.0);
    assertThat(first.get("generation_tokens").asDouble()).isEqualTo(42.0);
    assertThat(first.get("raw").get("other_family").asDouble()).isEqualTo(1.0);
    assertThat(lines.get(lines.size() - 1).get("offset_s").asDouble()).isNotNegative();
    assertThat(scraper.failures()).isZero();
    assertThat(notices).isEmpty();
    // the apiBase's own server gets the key; nothing printed shows it
    assertThat(authorizations).isNotEmpty().allMatch(("Bearer " + KEY)::equals);
    assertThat(String.join("\n", printed)).doesNotContain(KEY);
  }

  @Test
  void aBaselineAskedForAfterTheWarmupIsTakenOnceAndThenNoLongerAwaited() throws Exception {
    URI root = server(200, "text/plain", BODY);
    // an hour between scrapes: none but the probe and the baseline within this test
    ServerMetricsSetting hourly =
        new ServerMetricsSetting(ServerMetricsSetting.Mode.AUTO, List.of(), Duration.ofHours(1));
    ServerMetricsScraper scraper =
        start(hourly, root.resolve("/v1"), new AtomicLong(Long.MAX_VALUE)).orElseThrow();
    int probes = authorizations.size();

    assertThat(scraper.awaitingBaseline()).as("asked for, not yet taken").isTrue();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (scraper.awaitingBaseline() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(scraper.awaitingBaseline()).as("taken within 5 s").isFalse();
    assertThat(scraper.samples()).hasSize(2);
    assertThat(authorizations).hasSize(probes + 1);
    scraper.close();
  }

  @Test
  void autoAgainstAServerWithoutMetricsIsOffWithOneLine() throws Exception {
    URI root = server(404, "text/html", "<html>Cannot GET /metrics</html>");

    Optional<ServerMetricsScraper> scraper =
        start(ServerMetricsSetting.AUTO, root.resolve("/v1"), new AtomicLong());

    assertThat(scraper).isEmpty();
    assertThat(printed)
        .containsExactly(
            "Server metrics: off, "
                + root
                + "/metrics answered HTTP 404 (-DserverMetrics=URL names another,"
                + " -DserverMetrics=off skips the probe)");
    assertThat(dir.resolve("metrics.jsonl")).doesNotExist();
  }

  @Test
  void autoAgainstA200ThatIsNotTheFormatIsOffToo() throws Exception {
    URI root = server(200, "application/json", "{\"object\":\"list\"}");

    assertThat(start(ServerMetricsSetting.AUTO, root.resolve("/v1"), new AtomicLong())).isEmpty();
    assertThat(printed.get(0))
        .startsWith("Server metrics: off, " + root + "/metrics answered application/json");
  }

  @Test
  void aGivenUrlThatDoesNotAnswerIsAnError() throws Exception {
    URI root = server(404, "text/html", "no");
    ServerMetricsSetting given =
        new ServerMetricsSetting(
            ServerMetricsSetting.Mode.URLS, List.of(root.resolve("/m")), Duration.ofSeconds(1));

    assertThatThrownBy(() -> start(given, URI.create("http://127.0.0.1:1/v1"), new AtomicLong()))
        .isInstanceOf(ServerMetricsException.class)
        .hasMessage(root + "/m answered HTTP 404");
  }

  @Test
  void anotherServerNeverGetsTheKey() throws Exception {
    URI metrics = server(200, "text/plain", BODY);
    ServerMetricsSetting given =
        new ServerMetricsSetting(
            ServerMetricsSetting.Mode.URLS,
            List.of(metrics.resolve("/metrics")),
            Duration.ofSeconds(1));

    ServerMetricsScraper scraper =
        start(given, URI.create("http://127.0.0.1:1/v1"), new AtomicLong()).orElseThrow();
    scraper.close();

    assertThat(authorizations).isNotEmpty().allMatch("null"::equals);
  }
}
