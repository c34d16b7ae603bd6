package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.HTTP;
import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.chatRequest;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.jsonFrames;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static onlinebench.simulator.SimulatorClient.takeById;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The opt-in timing model seen from a client and from the server's own records: prefill, continuous
 * batching, queueing, stop lengths. Times are read from the records it served. A timer never fires
 * early, so each lower bound is the formula itself; upper bounds leave room for a loaded CI
 * machine.
 */
class SimulatorRealismTest {

  private static final long MS = 1_000_000;
  private static final String MODEL = "simulated-llm";

  private SimulatorConfig config(long ttftMs, long itlMs, Realism realism) {
    return SimulatorConfig.fast()
        .withDelays(Duration.ofMillis(ttftMs), Duration.ofMillis(itlMs))
        .withRealism(realism);
  }

  private static String words(int n) {
    return String.join(" ", java.util.Collections.nCopies(n, "word"));
  }

  private static long firstTokenAfterArrivalNanos(TruthRecord served) {
    return served.chunkNanos()[0] - served.arrivalNanos();
  }

  @Test
  void prefillMakesTtftGrowWithPromptLengthByTheFormula() throws Exception {
    // TTFT = ttft + prompt_tokens / prefillTokensPerSec: 20 ms + 10/1000 s and 20 ms + 200/1000 s.
    Map<String, TruthRecord> lines;
    try (SimulatorServer server =
        SimulatorServer.start(config(20, 1, Realism.none().withPrefillTokensPerSec(1000)))) {
      postChat(server, streamingBody(MODEL, 2, false)); // chatcmpl-sim-1 warms the code paths up
      for (int prompt : new int[] {10, 200}) {
        ObjectNode body = chatBody(MODEL, words(prompt)).put("max_tokens", 1).put("stream", true);
        postChat(server, body);
      }
      lines = takeById(server, 3);
    }

    long shortTtft = firstTokenAfterArrivalNanos(lines.get("chatcmpl-sim-2"));
    long longTtft = firstTokenAfterArrivalNanos(lines.get("chatcmpl-sim-3"));
    assertThat(lines.get("chatcmpl-sim-3").promptTokens()).isEqualTo(200);
    assertThat(shortTtft)
        .as("10-token prompt: ttft %.1f ms, formula 30 ms", shortTtft / 1e6)
        .isBetween(30 * MS, 180 * MS);
    assertThat(longTtft)
        .as("200-token prompt: ttft %.1f ms, formula 220 ms", longTtft / 1e6)
        .isBetween(220 * MS, 370 * MS);
  }

  @Test
  void batchingStretchesEveryStreamsItlWithTheNumberOfStreamsDecoding() throws Exception {
    // itl x (1 + 0.5 x (running - 1)): 10 ms alone, 30 ms with 5 streams decoding.
    int tokens = 16;
    Map<String, TruthRecord> lines;
    try (SimulatorServer server =
        SimulatorServer.start(config(20, 10, Realism.none().withBatchSlowdown(0.5)))) {
      postChat(server, streamingBody(MODEL, tokens, false)); // chatcmpl-sim-1, alone
      String body = streamingBody(MODEL, tokens, false).toString();
      List<CompletableFuture<HttpResponse<String>>> five =
          IntStream.range(0, 5)
              .mapToObj(
                  i ->
                      HTTP.sendAsync(
                          chatRequest(server, body), HttpResponse.BodyHandlers.ofString()))
              .toList();
      CompletableFuture.allOf(five.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      lines = takeById(server, 6);
    }

    double alone = medianGapMs(lines.get("chatcmpl-sim-1"));
    assertThat(alone).as("median itl of a lone stream, formula 10 ms").isBetween(9.5, 16.0);
    for (int i = 2; i <= 6; i++) {
      double batched = medianGapMs(lines.get("chatcmpl-sim-" + i));
      // On a loaded machine the five requests can arrive a few tokens apart, so for part of a
      // stream only 3 or 4 decode (20 or 25 ms); anything well above the lone 10 ms is batching.
      assertThat(batched)
          .as("median itl of stream %d among 5, formula 30 ms", i)
          .isBetween(20.0, 45.0);
    }
  }

  /** Median of the gaps between tokens 3 .. n-3, where every stream of the batch is decoding. */
  private static double medianGapMs(TruthRecord served) {
    long[] chunks = served.chunkNanos();
    double[] gaps = new double[chunks.length - 6];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = (chunks[i + 4] - chunks[i + 3]) / 1e6;
    }
    Arrays.sort(gaps);
    return gaps[gaps.length / 2];
  }

  @Test
  void maxSequencesQueuesLaterRequestsFirstInFirstOut() throws Exception {
    // Two slots, 100 ms each: two requests start at once, two wait for a slot about 100 ms.
    List<TruthRecord> lines;
    try (SimulatorServer server =
        SimulatorServer.start(config(100, 1, Realism.none().withMaxSequences(2)))) {
      String body = chatBody(MODEL, "hi").put("max_tokens", 1).toString();
      List<CompletableFuture<HttpResponse<String>>> four = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        four.add(HTTP.sendAsync(chatRequest(server, body), HttpResponse.BodyHandlers.ofString()));
      }
      CompletableFuture.allOf(four.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      assertThat(four).allSatisfy(r -> assertThat(r.join().statusCode()).isEqualTo(200));
      lines = new ArrayList<>(takeById(server, 4).values());
    }

    lines.sort(java.util.Comparator.comparingLong(TruthRecord::queuedNanos));
    assertThat(lines.get(0).queuedNanos()).isZero();
    assertThat(lines.get(1).queuedNanos()).isZero();
    long firstSlotFreed = Math.min(lines.get(0).chunkNanos()[0], lines.get(1).chunkNanos()[0]);
    for (TruthRecord queued : lines.subList(2, 4)) {
      long waitNanos = queued.queuedNanos();
      long admitted = queued.arrivalNanos() + waitNanos;
      assertThat(waitNanos).as("waited for a slot").isPositive();
      assertThat(admitted - firstSlotFreed)
          .as("admitted %.1f ms after the first slot freed", (admitted - firstSlotFreed) / 1e6)
          .isBetween(0L, 150 * MS);
      assertThat(firstTokenAfterArrivalNanos(queued))
          .as("ttft = queue wait + ttft")
          .isBetween(waitNanos + 100 * MS, waitNanos + 250 * MS);
    }
  }

  @Test
  void aWaitingClientThatDisconnectsLeavesTheQueue() throws Exception {
    // One slot: A holds it 300 ms; B waits and hangs up; C, sent later, gets the slot right after
    // A.
    Map<String, TruthRecord> lines;
    try (SimulatorServer server =
        SimulatorServer.start(config(300, 1, Realism.none().withMaxSequences(1)))) {
      String body = chatBody(MODEL, "hi").put("max_tokens", 1).toString();
      CompletableFuture<HttpResponse<String>> a =
          HTTP.sendAsync(chatRequest(server, body), HttpResponse.BodyHandlers.ofString());
      while (server.requestCount() < 1) {
        Thread.onSpinWait();
      }
      try (Socket b = new Socket("127.0.0.1", server.port())) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = b.getOutputStream();
        out.write(
            ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: "
                    + bytes.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        while (server.requestCount() < 2) {
          Thread.onSpinWait();
        }
      } // B hangs up while waiting
      HttpResponse<String> c =
          HTTP.send(chatRequest(server, body), HttpResponse.BodyHandlers.ofString());
      assertThat(c.statusCode()).isEqualTo(200);
      assertThat(a.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      lines = takeById(server, 3);
    }

    TruthRecord a = lines.get("chatcmpl-sim-1");
    TruthRecord b = lines.get("chatcmpl-sim-2");
    TruthRecord c = lines.get("chatcmpl-sim-3");
    assertThat(b.aborted()).isTrue();
    assertThat(b.completionTokens()).isZero();
    assertThat(b.queuedNanos()).isPositive();
    long aWritten = a.chunkNanos()[0];
    long cAdmitted = c.arrivalNanos() + c.queuedNanos();
    assertThat(cAdmitted - aWritten)
        .as("C admitted %.1f ms after A's response was written", (cAdmitted - aWritten) / 1e6)
        .isBetween(0L, 100 * MS);
  }

  @Test
  void stopLengthsAverageStopMeanTokensAndEndWithStop() throws Exception {
    int requests = 200;
    List<Integer> lengths = new ArrayList<>();
    try (SimulatorServer server =
        SimulatorServer.start(config(0, 0, Realism.none().withStopMeanTokens(8)))) {
      for (int i = 0; i < requests; i++) {
        JsonNode body = json(postChat(server, chatBody(MODEL, "hi").put("max_tokens", 500)).body());
        int tokens = body.get("usage").get("completion_tokens").asInt();
        String reason = body.get("choices").get(0).get("finish_reason").asText();
        assertThat(reason).isEqualTo(tokens < 500 ? "stop" : "length");
        assertThat(body.get("choices").get(0).get("message").get("content").asText())
            .isEqualTo(GeneratedText.text(tokens));
        lengths.add(tokens);
      }
    }
    double mean = lengths.stream().mapToInt(Integer::intValue).average().orElseThrow();
    // Geometric with p = 1/8: mean 8, sd sqrt(56) = 7.5, so the mean of 200 has sd 0.53.
    assertThat(mean).as("mean length").isBetween(8 - 4 * 0.53, 8 + 4 * 0.53);
    assertThat(lengths).allSatisfy(n -> assertThat(n).isBetween(1, 500));
  }

  @Test
  void ignoreEosRunsToMaxTokensAndMinTokensIsNeverUndercut() throws Exception {
    try (SimulatorServer server =
        SimulatorServer.start(config(0, 0, Realism.none().withStopMeanTokens(3)))) {
      for (int i = 0; i < 50; i++) {
        JsonNode ignoring =
            json(
                postChat(
                        server, chatBody(MODEL, "hi").put("max_tokens", 40).put("ignore_eos", true))
                    .body());
        assertThat(ignoring.get("usage").get("completion_tokens").asInt()).isEqualTo(40);
        assertThat(ignoring.get("choices").get(0).get("finish_reason").asText())
            .isEqualTo("length");

        JsonNode atLeast =
            json(
                postChat(server, chatBody(MODEL, "hi").put("max_tokens", 40).put("min_tokens", 25))
                    .body());
        assertThat(atLeast.get("usage").get("completion_tokens").asInt()).isBetween(25, 40);
      }
    }
  }

  @Test
  void streamedStopHasAsManyContentChunksAsUsageSaysAndFinishReasonStop() throws Exception {
    try (SimulatorServer server =
        SimulatorServer.start(config(0, 0, Realism.none().withStopMeanTokens(4)))) {
      for (int i = 0; i < 20; i++) {
        List<JsonNode> chunks =
            jsonFrames(postChat(server, streamingBody(MODEL, 100, true)).body());
        int tokens = chunks.get(chunks.size() - 1).get("usage").get("completion_tokens").asInt();
        assertThat(chunks).hasSize(1 + tokens + 2);
        assertThat(chunks.get(tokens + 1).get("choices").get(0).get("finish_reason").asText())
            .isEqualTo(tokens < 100 ? "stop" : "length");
      }
    }
  }

  @Test
  void minTokensAboveMaxTokensIs400LikeVllm() throws Exception {
    try (SimulatorServer server = SimulatorServer.start(config(0, 0, Realism.none()))) {
      HttpResponse<String> response =
          postChat(server, chatBody(MODEL, "hi").put("max_tokens", 5).put("min_tokens", 6));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response.body()).get("error").get("param").asText()).isEqualTo("min_tokens");
    }
  }
}
