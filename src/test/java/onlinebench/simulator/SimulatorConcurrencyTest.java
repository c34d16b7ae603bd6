package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.HTTP;
import static onlinebench.simulator.SimulatorClient.chatRequest;
import static onlinebench.simulator.SimulatorClient.jsonFrames;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many connections at once on a few event-loop threads. */
class SimulatorConcurrencyTest {

  private static final int STREAMS = 500;
  private static final int TOKENS = 10;

  @Test
  void fiveHundredConcurrentStreamsAllCompleteOnAFewThreads() throws Exception {
    Duration ttft = Duration.ofMillis(200);
    try (SimulatorServer server =
        SimulatorServer.start(SimulatorConfig.defaults().withDelays(ttft, Duration.ofMillis(2)))) {
      String body = streamingBody("simulated-llm", TOKENS, true).toString();

      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> responses =
          IntStream.range(0, STREAMS)
              .mapToObj(
                  i ->
                      HTTP.sendAsync(
                          chatRequest(server, body), HttpResponse.BodyHandlers.ofString()))
              .toList();
      CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))
          .get(20, TimeUnit.SECONDS);
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      long serverThreads =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().matches("onlinebench-simulator-\\d+-\\d+"))
              .count();

      assertThat(responses)
          .allSatisfy(
              r -> {
                assertThat(r.join().statusCode()).isEqualTo(200);
                assertThat(jsonFrames(r.join().body())).hasSize(1 + TOKENS + 2);
              });
      assertThat(server.requestCount()).isEqualTo(STREAMS);
      // Served one after another, 500 streams would take 500 x 218 ms; concurrently about one
      // stream's time.
      assertThat(elapsedMs)
          .as("%d streams of ttft 200 ms + 9 x 2 ms took %d ms", STREAMS, elapsedMs)
          .isBetween(218L, 10_000L);
      assertThat(serverThreads)
          .as("event-loop threads serving %d connections", STREAMS)
          .isBetween(1L, 2L * Runtime.getRuntime().availableProcessors());
    }
  }
}
