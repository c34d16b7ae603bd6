package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.HTTP;
import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.chatRequest;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.send;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static onlinebench.simulator.SimulatorClient.takeById;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import onlinebench.servermetrics.PrometheusScrape;
import onlinebench.servermetrics.PrometheusText;
import onlinebench.servermetrics.ServerFamilies;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics}: the simulator's real state in vLLM's names, read back with the parser a
 * benchmark run uses, and checked against what the simulator itself says it served.
 */
class SimulatorMetricsTest {
  private static final String MODEL = "simulated-llm";

  private static PrometheusScrape scrape(SimulatorServer server) throws Exception {
    HttpResponse<String> response = send("GET", metricsUrl(server));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    return PrometheusText.parse(response.body());
  }

  private static URI metricsUrl(SimulatorServer server) {
    return server.baseUrl().resolve("/metrics");
  }

  @Test
  void tokenCountersAndTtftCountEqualWhatWasServedStreamedOrNot() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      PrometheusScrape idle = scrape(server);
      assertThat(ServerFamilies.map(idle))
          .containsEntry("running", 0.0)
          .containsEntry("waiting", 0.0)
          .containsEntry("prompt_tokens", 0.0)
          .containsEntry("generation_tokens", 0.0);

      postChat(server, streamingBody(MODEL, 7, true));
      postChat(server, chatBody(MODEL, "one two three four five").put("max_tokens", 5));
      postChat(server, streamingBody(MODEL, 3, false));
      Map<String, TruthRecord> served = takeById(server, 3);

      long prompt = served.values().stream().mapToLong(TruthRecord::promptTokens).sum();
      long output = served.values().stream().mapToLong(TruthRecord::completionTokens).sum();
      PrometheusScrape after = scrape(server);
      assertThat(ServerFamilies.map(after))
          .containsEntry("running", 0.0)
          .containsEntry("prompt_tokens", (double) prompt)
          .containsEntry("generation_tokens", (double) output);
      assertThat(output).isEqualTo(7 + 5 + 3);
      assertThat(ServerFamilies.ttftBuckets(after)).containsEntry(Double.POSITIVE_INFINITY, 3.0);
      assertThat(after.sum("vllm:time_to_first_token_seconds_count")).hasValue(3);
      assertThat(after.types())
          .containsEntry("vllm:num_requests_running", "gauge")
          .containsEntry("vllm:prompt_tokens", "counter")
          .containsEntry("vllm:time_to_first_token_seconds", "histogram");
    }
  }

  @Test
  void runningAndWaitingShowRequestsHoldingAndQueuedForSequenceSlots() throws Exception {
    // one slot, a 1.5 s answer holding it: a second request waits behind it
    SimulatorConfig config =
        SimulatorConfig.fast()
            .withDelays(Duration.ofMillis(1500), Duration.ZERO)
            .withRealism(Realism.none().withMaxSequences(1));
    try (SimulatorServer server = SimulatorServer.start(config)) {
      String body = chatBody(MODEL, "hello").put("max_tokens", 1).toString();
      CompletableFuture<HttpResponse<String>> first =
          HTTP.sendAsync(chatRequest(server, body), HttpResponse.BodyHandlers.ofString());
      CompletableFuture<HttpResponse<String>> second =
          HTTP.sendAsync(chatRequest(server, body), HttpResponse.BodyHandlers.ofString());
      PrometheusScrape busy = null;
      // both have arrived once one runs and one waits; the first holds its slot for 1.5 s
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < deadline) {
        busy = scrape(server);
        if (ServerFamilies.map(busy).get("waiting") == 1.0) {
          break;
        }
      }
      assertThat(ServerFamilies.map(busy))
          .as("while the first holds the only slot")
          .containsEntry("running", 1.0)
          .containsEntry("waiting", 1.0);
      first.get();
      second.get();
      takeById(server, 2);
      assertThat(ServerFamilies.map(scrape(server)))
          .containsEntry("running", 0.0)
          .containsEntry("waiting", 0.0);
    }
  }

  @Test
  void ttftLandsInVllmsBucketForItsDelay() throws Exception {
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ofMillis(30), Duration.ZERO))) {
      postChat(server, streamingBody(MODEL, 1, false));
      takeById(server, 1);
      PrometheusScrape after = scrape(server);
      // vLLM's buckets around 30 ms: 0.02 and 0.04; a late timer may push it past 0.04 on a loaded
      // machine, never below 0.02
      assertThat(ServerFamilies.ttftBuckets(after).get(0.02)).as("at or below 20 ms").isZero();
      assertThat(ServerFamilies.ttftBuckets(after).get(0.25))
          .as("at or below 250 ms")
          .isEqualTo(1.0);
    }
  }

  @Test
  void metricsAnswerOnlyGet() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      HttpResponse<String> post = send("POST", metricsUrl(server));
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }
  }
}
