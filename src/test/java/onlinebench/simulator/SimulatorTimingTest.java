package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.HTTP;
import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.chatRequest;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delay model seen from a client: first token ttft after the request, then one every itl. Each
 * bound has a lower and an upper limit; upper limits leave room for a loaded CI machine.
 */
class SimulatorTimingTest {

  private static final long MS = 1_000_000;
  private SimulatorServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  /** Loads the client and server code paths so the measured request pays no class loading. */
  private void warmUp() throws Exception {
    SimulatorClient.send("GET", server.url("models"));
    postChat(server, chatBody("simulated-llm", "warm up").put("max_tokens", 1));
  }

  @Test
  void nonStreamingResponseArrivesAfterTtftPlusItlPerFurtherToken() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.defaults().withDelays(Duration.ofMillis(100), Duration.ofMillis(10)));
    warmUp();

    long start = System.nanoTime();
    HttpResponse<String> response =
        postChat(server, chatBody("simulated-llm", "hi").put("max_tokens", 5));
    long elapsedMs = (System.nanoTime() - start) / MS;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(elapsedMs)
        .as("ttft 100 ms + 4 x itl 10 ms = 140 ms, took %d ms", elapsedMs)
        .isBetween(140L, 250L);
  }

  @Test
  void streamedTokensArriveTtftAfterTheRequestThenOneItlApartWithHeadersEarly() throws Exception {
    long ttftMs = 150;
    long itlMs = 20;
    int tokens = 8;
    server =
        SimulatorServer.start(
            SimulatorConfig.defaults()
                .withDelays(Duration.ofMillis(ttftMs), Duration.ofMillis(itlMs)));
    warmUp();

    long start = System.nanoTime();
    HttpResponse<Stream<String>> response =
        HTTP.send(
            chatRequest(server, streamingBody("simulated-llm", tokens, false).toString()),
            HttpResponse.BodyHandlers.ofLines());
    long headersNanos = System.nanoTime();
    List<Long> tokenNanos = new ArrayList<>();
    try (Stream<String> lines = response.body()) {
      for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
        if (it.next().contains("\"delta\":{\"content\":\"")) {
          tokenNanos.add(System.nanoTime());
        }
      }
    }

    assertThat(tokenNanos).hasSize(tokens);
    long firstTokenMs = (tokenNanos.get(0) - start) / MS;
    assertThat(firstTokenMs)
        .as("first token %d ms after the request, ttft %d", firstTokenMs, ttftMs)
        .isBetween(ttftMs, ttftMs + 250);
    long headersBeforeTokenMs = (tokenNanos.get(0) - headersNanos) / MS;
    assertThat(headersBeforeTokenMs)
        .as(
            "headers come at once, %d ms before the first token (ttft %d)",
            headersBeforeTokenMs, ttftMs)
        .isBetween(ttftMs - 100, firstTokenMs);
    List<Double> gapsMs = new ArrayList<>();
    for (int i = 1; i < tokens; i++) {
      gapsMs.add((tokenNanos.get(i) - tokenNanos.get(i - 1)) / (double) MS);
    }
    double meanGapMs =
        (tokenNanos.get(tokens - 1) - tokenNanos.get(0)) / (double) MS / (tokens - 1);
    assertThat(meanGapMs)
        .as("mean gap %.2f ms, itl %d; gaps %s", meanGapMs, itlMs, gapsMs)
        .isBetween(itlMs * 0.75, itlMs * 2.5);
    // Each token is due ttft + i × itl after the request and is never sent early. (A median of the
    // gaps is no check on a loaded machine: one late read makes the next tokens arrive together.)
    for (int i = 0; i < tokens; i++) {
      long arrivedMs = (tokenNanos.get(i) - start) / MS;
      assertThat(arrivedMs)
          .as("token %d at %d ms, due at %d ms; gaps %s", i, arrivedMs, ttftMs + i * itlMs, gapsMs)
          .isGreaterThanOrEqualTo(ttftMs + i * itlMs);
    }
  }
}
