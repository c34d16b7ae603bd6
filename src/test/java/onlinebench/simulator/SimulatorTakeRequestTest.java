package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.HTTP;
import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.chatRequest;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The requests a running simulator served, taken in memory as MockWebServer's takeRequest(). */
class SimulatorTakeRequestTest {

  private static final String MODEL = "simulated-llm";

  private SimulatorServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void takeRequestReturnsEachServedRequestOnceInTheOrderServed() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());

    postChat(server, streamingBody(MODEL, 3, true));
    postChat(server, chatBody(MODEL, "one two").put("max_tokens", 2));
    postChat(server, chatBody("no-such-model", "hi"));

    TruthRecord stream = server.takeRequest();
    TruthRecord plain = server.takeRequest();
    TruthRecord unknownModel = server.takeRequest();
    assertThat(stream.id()).isEqualTo("chatcmpl-sim-1");
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.stream()).isTrue();
    assertThat(stream.completionTokens()).isEqualTo(3);
    assertThat(stream.chunkNanos()).hasSize(3);
    assertThat(stream.finishReason()).isEqualTo("length");
    assertThat(plain.id()).isEqualTo("chatcmpl-sim-2");
    assertThat(plain.stream()).isFalse();
    assertThat(plain.promptTokens()).isEqualTo(2);
    assertThat(plain.completionTokens()).isEqualTo(2);
    assertThat(unknownModel.id()).isEqualTo("chatcmpl-sim-3");
    assertThat(unknownModel.status()).isEqualTo(404);
    assertThat(unknownModel.fault()).isNull();
    assertThat(server.takeRequest(Duration.ofMillis(50))).as("nothing more was served").isNull();
    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(server.servedRequests())
        .as("all of them, taken or not, in order")
        .containsExactly(stream, plain, unknownModel);
  }

  @Test
  void countsTheChatRequestsThatCameFirstOnTheirConnection() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());
    String chat = chatBody(MODEL, "hi").put("max_tokens", 1).toString();
    try (RawHttp warmed = new RawHttp(server.port());
        RawHttp cold = new RawHttp(server.port())) {
      warmed.send("GET", "/v1/models", null, "");
      assertThat(warmed.read().status()).isEqualTo(200);
      warmed.postJson("/v1/chat/completions", chat);
      warmed.read();
      warmed.postJson("/v1/chat/completions", chat);
      warmed.read();
      cold.postJson("/v1/chat/completions", chat);
      cold.read();
    }

    assertThat(server.requestCount()).isEqualTo(3);
    assertThat(server.requestsOpeningConnection())
        .as("only the chat request sent on a connection nothing had used before")
        .isOne();
  }

  @Test
  void takeRequestWaitsForAResponseStillBeingServed() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ofMillis(300), Duration.ZERO));
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> response =
        HTTP.sendAsync(
            chatRequest(server, chatBody(MODEL, "hi").toString()),
            HttpResponse.BodyHandlers.ofString());

    TruthRecord served = server.takeRequest();
    long waitedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(waitedMs)
        .as("returned once the response (ttft 300 ms) had ended, not before")
        .isBetween(300L, 5_000L);
    assertThat(served.status()).isEqualTo(200);
    assertThat(response.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void servedRequestsWaitsForTheResponsesStillBeingAnswered() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ZERO, Duration.ofMillis(150)));
    long start = System.nanoTime();
    // Returns with the headers, which a stream sends at once; its 3 tokens end 300 ms later.
    HttpResponse<InputStream> stream =
        HTTP.send(
            chatRequest(server, streamingBody(MODEL, 3, false).toString()),
            HttpResponse.BodyHandlers.ofInputStream());

    List<TruthRecord> served = server.servedRequests();
    long waitedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(waitedMs).as("waited for the stream to end").isBetween(300L, 5_000L);
    assertThat(served)
        .singleElement()
        .satisfies(r -> assertThat(r.completionTokens()).isEqualTo(3));
    stream.body().close();
  }

  @Test
  void takeRequestWithATimeoutGivesNullWhenNothingIsServedInTime() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());
    long start = System.nanoTime();

    TruthRecord none = server.takeRequest(Duration.ofMillis(200));
    long waitedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(none).isNull();
    assertThat(waitedMs).as("waited the whole timeout, and not much more").isBetween(200L, 2_000L);
  }

  @Test
  void withoutCaptureTakingSaysHowToTurnItOn() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.defaults());
    postChat(server, chatBody(MODEL, "hi"));

    assertThatThrownBy(() -> server.takeRequest())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the simulator keeps no served requests: start it with SimulatorConfig.fast() or"
                + " withCaptureLimit(n) with n >= 1");
    assertThatThrownBy(() -> server.servedRequests()).isInstanceOf(IllegalStateException.class);
    assertThat(server.requestCount()).as("counted all the same").isEqualTo(1);
  }

  @Test
  void captureKeepsAtMostItsLimitAndSaysSoInsteadOfWaiting() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast().withCaptureLimit(2));
    for (int i = 0; i < 3; i++) {
      postChat(server, chatBody(MODEL, "hi"));
    }

    assertThat(server.takeRequest().id()).isEqualTo("chatcmpl-sim-1");
    assertThat(server.takeRequest().id()).isEqualTo("chatcmpl-sim-2");
    long start = System.nanoTime();
    assertThatThrownBy(() -> server.takeRequest())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "all 2 captured requests were taken and 1 more were not kept (capture limit 2);"
                + " raise it with SimulatorConfig.withCaptureLimit");
    assertThat((System.nanoTime() - start) / 1_000_000)
        .as("fails as soon as the third record is dropped, not after the 10 s timeout")
        .isBetween(0L, 5_000L);
    assertThat(server.servedRequests()).hasSize(2);
  }

  @Test
  void concurrentTakersGetEveryRecordExactlyOnce() throws Exception {
    int requests = 200;
    int takers = 4;
    server = SimulatorServer.start(SimulatorConfig.fast());
    Set<String> taken = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(takers);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (int t = 0; t < takers; t++) {
        counts.add(
            pool.submit(
                () -> {
                  int mine = 0;
                  for (int i = 0; i < requests / takers; i++) {
                    assertThat(taken.add(server.takeRequest().id())).as("taken twice").isTrue();
                    mine++;
                  }
                  return mine;
                }));
      }
      String body = chatBody(MODEL, "hi").put("max_tokens", 1).toString();
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        sent.add(HTTP.sendAsync(chatRequest(server, body), HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> f : sent) {
        assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      for (Future<Integer> count : counts) {
        assertThat(count.get(20, TimeUnit.SECONDS)).isEqualTo(requests / takers);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(taken)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.rangeClosed(1, requests).mapToObj(ServerContext::completionId).toList());
    assertThat(server.takeRequest(Duration.ofMillis(50))).isNull();
  }

  @Test
  void everyKindOfResponseRecordsOneAbortWhenTheClientGoesAway() throws Exception {
    // Tokens 1 s apart: the plain body and the stream are far from done when the client leaves.
    server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ZERO, Duration.ofSeconds(1)));
    server.enqueue(FaultPlan.none(), FaultPlan.always(Fault.STALL));
    HttpRequest plain =
        HttpRequest.newBuilder(server.url("chat/completions"))
            .timeout(Duration.ofMillis(300))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    chatBody(MODEL, "hi").put("max_tokens", 5).toString()))
            .build();
    HttpRequest stalled =
        HttpRequest.newBuilder(server.url("chat/completions"))
            .timeout(Duration.ofMillis(300))
            .POST(HttpRequest.BodyPublishers.ofString(chatBody(MODEL, "hi").toString()))
            .build();

    assertThatThrownBy(() -> HTTP.send(plain, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThatThrownBy(() -> HTTP.send(stalled, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    HttpResponse<InputStream> stream =
        HTTP.send(
            chatRequest(server, streamingBody(MODEL, 5, false).toString()),
            HttpResponse.BodyHandlers.ofInputStream());
    stream.body().close(); // headers arrived: the stream is being served

    List<TruthRecord> served =
        List.of(server.takeRequest(), server.takeRequest(), server.takeRequest());
    assertThat(served)
        .extracting(TruthRecord::stream, TruthRecord::fault, TruthRecord::aborted)
        .containsExactly(
            tuple(false, null, true), tuple(false, "stall", true), tuple(true, null, true));
    assertThat(served.get(0).completionTokens()).as("nothing of the plain body").isZero();
    assertThat(served.get(2).completionTokens()).as("a token or two of the stream").isBetween(0, 2);
    assertThat(server.takeRequest(Duration.ofMillis(200))).as("one record each").isNull();
  }

  @Test
  void closingRecordsTheStreamsItCutAsAborted() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ZERO, Duration.ofSeconds(1)));
    // Returns with the headers, which a stream sends at once; the tokens are 1 s apart.
    HttpResponse<InputStream> cut =
        HTTP.send(
            chatRequest(server, streamingBody(MODEL, 10, false).toString()),
            HttpResponse.BodyHandlers.ofInputStream());

    server.close();

    assertThat(server.servedRequests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.aborted()).isTrue();
              assertThat(r.completionTokens()).isBetween(0, 2);
            });
    cut.body().close();
  }
}
