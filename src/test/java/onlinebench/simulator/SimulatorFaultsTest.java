package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static onlinebench.simulator.SimulatorClient.HTTP;
import static onlinebench.simulator.SimulatorClient.MAPPER;
import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.chatRequest;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.sendKeepingPartialBody;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import onlinebench.simulator.SimulatorClient.PartialResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each sim.faults kind seen from the JDK client exactly as specified, and the rates with a seed.
 */
class SimulatorFaultsTest {

  private static final String MODEL = "simulated-llm";

  private SimulatorServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  /** A server whose valid chat requests get faults as {@code faults} says. */
  private void start(FaultPlan faults, Duration itl) throws IOException {
    start(faults, itl, StalledResponse.DEFAULT_LIMIT);
  }

  private void start(FaultPlan faults, Duration itl, Duration stallLimit) throws IOException {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ZERO, itl).withFaults(faults), stallLimit);
  }

  /** A server whose every valid chat request gets {@code fault}. */
  private void startAlways(Fault fault) throws IOException {
    start(FaultPlan.always(fault), Duration.ZERO);
  }

  private static boolean isJson(String text) {
    try {
      MAPPER.readTree(text);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  @Test
  void errorFaultsAnswerAtOnceWithOpenAiErrorBodies() throws Exception {
    start(FaultPlan.none(), Duration.ZERO);
    server.enqueue(Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.RATE_LIMITED);
    HttpResponse<String> r500 = postChat(server, chatBody(MODEL, "hi"));
    HttpResponse<String> r503 = postChat(server, chatBody(MODEL, "hi"));
    HttpResponse<String> r429 = postChat(server, streamingBody(MODEL, 4, true));

    assertThat(r500.statusCode()).isEqualTo(500);
    assertThat(json(r500.body()))
        .isEqualTo(
            json(
                """
                {"error":{"message":"The server had an error while processing your request.\
                 Sorry about that!","type":"server_error","param":null,"code":null}}"""));
    assertThat(r503.statusCode()).isEqualTo(503);
    assertThat(json(r503.body()))
        .isEqualTo(
            json(
                """
                {"error":{"message":"The engine is currently overloaded, please try again later.",\
                "type":"server_error","param":null,"code":null}}"""));
    assertThat(r429.statusCode()).isEqualTo(429);
    assertThat(r429.headers().firstValue("retry-after")).hasValue("1");
    assertThat(r429.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(json(r429.body()).get("error"))
        .isEqualTo(
            json(
                """
                {"message":"Rate limit reached for simulated-llm on requests per min (RPM): Limit 1,\
                 Used 1, Requested 1. Please try again in 1s.","type":"requests","param":null,\
                "code":"rate_limit_exceeded"}"""));
    assertThat(List.of(server.takeRequest(), server.takeRequest(), server.takeRequest()))
        .extracting(TruthRecord::status, TruthRecord::fault)
        .containsExactly(tuple(500, "500"), tuple(503, "503"), tuple(429, "429"));
  }

  @Test
  void invalidRequestsGetTheirOwnErrorNotAFault() throws Exception {
    startAlways(Fault.SERVER_ERROR);

    assertThat(postChat(server, chatBody("other-model", "hi")).statusCode()).isEqualTo(404);
    assertThat(server.takeRequest().fault()).isNull();
  }

  @Test
  void resetClosesTheConnectionWithARstBeforeAnyByte() throws Exception {
    startAlways(Fault.RESET);

    assertThatThrownBy(() -> postChat(server, chatBody(MODEL, "hi")))
        .isInstanceOf(IOException.class);
    byte[] body = chatBody(MODEL, "hi").toString().getBytes(US_ASCII);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      assertThatThrownBy(in::read)
          .as("no byte, then a reset rather than an orderly end of stream")
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
    TruthRecord served = server.takeRequest();
    assertThat(served.id()).isEqualTo("chatcmpl-sim-1");
    assertThat(served.fault()).isEqualTo("reset");
    assertThat(served.status()).as("no status line was sent").isNull();
  }

  @Test
  void cutStreamSendsHeadersAndHalfTheTokensThenClosesWithoutDone() throws Exception {
    startAlways(Fault.CUT);

    PartialResponse response =
        sendKeepingPartialBody(chatRequest(server, streamingBody(MODEL, 9, true).toString()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.failure())
        .as("the chunked body ends without its last chunk")
        .isInstanceOf(IOException.class);
    List<String> lines = response.lines();
    List<String> data = lines.stream().filter(l -> l.startsWith("data: ")).toList();
    assertThat(data).as("role + first token, then 3 more: floor(9 / 2) token events").hasSize(5);
    assertThat(data).noneMatch(l -> l.contains("[DONE]") || l.contains("finish_reason\":\""));
    TruthRecord served = server.takeRequest();
    assertThat(served.fault()).isEqualTo("cut");
    assertThat(served.completionTokens()).isEqualTo(4);
    assertThat(served.aborted()).as("the fault's own close is not an abort").isFalse();
  }

  @Test
  void cutBodyPromisesTheFullLengthAndDeliversHalf() throws Exception {
    startAlways(Fault.CUT);

    PartialResponse response =
        sendKeepingPartialBody(
            chatRequest(server, chatBody(MODEL, "hi").put("max_tokens", 20).toString()));
    long promised = response.headers().firstValueAsLong("content-length").orElseThrow();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.failure())
        .as("the connection closes before Content-Length")
        .isInstanceOf(IOException.class);
    assertThat(response.bytes()).hasSize((int) promised / 2);
    assertThat(response.text()).startsWith("{\"id\":\"chatcmpl-sim-1\"");
  }

  @Test
  void malformedStreamHasOneInvalidJsonEventAndTheRestIntact() throws Exception {
    startAlways(Fault.MALFORMED);

    String body = postChat(server, streamingBody(MODEL, 6, true)).body();

    assertThat(body).endsWith("data: [DONE]\n\n");
    List<String> payloads =
        Stream.of(body.split("\n\n")).map(f -> f.substring("data: ".length())).toList();
    assertThat(payloads).hasSize(1 + 6 + 1 + 1 + 1);
    List<Integer> invalid = new ArrayList<>();
    for (int i = 0; i < payloads.size() - 1; i++) {
      if (!isJson(payloads.get(i))) {
        invalid.add(i);
      }
    }
    assertThat(invalid).as("token 3 of 6 (floor(6 / 2)) is frame 4").containsExactly(4);
    assertThat(json(payloads.get(8)).get("usage").get("completion_tokens").asInt()).isEqualTo(6);
  }

  @Test
  void malformedBodyIsA200ThatIsNotJson() throws Exception {
    startAlways(Fault.MALFORMED);

    HttpResponse<String> response = postChat(server, chatBody(MODEL, "hi"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(isJson(response.body())).isFalse();
    assertThat(isJson(response.body() + "}"))
        .as("the completion without its closing brace")
        .isTrue();
  }

  @Test
  void noUsageLeavesUsageOutEvenWhenAskedFor() throws Exception {
    startAlways(Fault.NO_USAGE);

    JsonNode plain = json(postChat(server, chatBody(MODEL, "hi").put("max_tokens", 3)).body());
    String stream = postChat(server, streamingBody(MODEL, 3, true)).body();

    assertThat(plain.has("usage")).isFalse();
    assertThat(plain.get("choices").get(0).get("message").get("content").asText())
        .isEqualTo(" the quick model");
    List<JsonNode> chunks = SimulatorClient.jsonFrames(stream);
    assertThat(chunks).hasSize(1 + 3 + 1);
    assertThat(chunks).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
  }

  @Test
  void slowResponseStartsOnTimeButTokensComeAThousandTimesSlower() throws Exception {
    start(FaultPlan.always(Fault.SLOW), Duration.ofMillis(1)); // tokens 1 s apart instead of 1 ms

    HttpRequest plain =
        HttpRequest.newBuilder(server.url("chat/completions"))
            .timeout(Duration.ofMillis(300))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    chatBody(MODEL, "hi").put("max_tokens", 3).toString()))
            .build();
    assertThatThrownBy(() -> HTTP.send(plain, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);

    List<String> tokens = new CopyOnWriteArrayList<>();
    HttpResponse<Stream<String>> stream =
        HTTP.send(
            chatRequest(server, streamingBody(MODEL, 3, false).toString()),
            HttpResponse.BodyHandlers.ofLines());
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              try (Stream<String> lines = stream.body()) {
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                  String line = it.next();
                  if (line.contains("\"content\":\" ")) {
                    tokens.add(line);
                  }
                }
              } catch (UncheckedIOException e) {
                // closed by the test below
              }
            });
    try {
      reader.get(400, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException expected) {
      // still waiting for the second token, as it should
    }
    assertThat(tokens).as("the first token only, 400 ms in").hasSize(1);
    assertThat(stream.statusCode()).isEqualTo(200);
    reader.cancel(true);
  }

  @Test
  void stallSendsNothingAndIsReleasedWhenTheClientGivesUp() throws Exception {
    startAlways(Fault.STALL);

    HttpRequest request =
        HttpRequest.newBuilder(server.url("chat/completions"))
            .timeout(Duration.ofMillis(200))
            .POST(HttpRequest.BodyPublishers.ofString(chatBody(MODEL, "hi").toString()))
            .build();
    assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);

    // The server notices the client's close and records the stall as aborted, without being
    // closed: takeRequest() waits for that record.
    TruthRecord served = server.takeRequest();
    assertThat(served.fault()).isEqualTo("stall");
    assertThat(served.aborted()).isTrue();
    assertThat(served.status()).isNull();
    assertThat(served.endNanos() - served.arrivalNanos())
        // the timeout starts before the request leaves the client, so under load the server
        // sees less than 200 ms of it; an answer would take a few ms, not 50
        .as("held until the client's 200 ms timeout (which began before the request was sent)")
        .isBetween(50_000_000L, 3_000_000_000L);
  }

  @Test
  void stallIsClosedByTheServerAtItsLimit() throws Exception {
    start(FaultPlan.always(Fault.STALL), Duration.ZERO, Duration.ofMillis(200));
    byte[] body = chatBody(MODEL, "hi").toString().getBytes(US_ASCII);
    long start;
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(US_ASCII));
      out.write(body);
      out.flush();
      start = System.nanoTime();

      assertThat(socket.getInputStream().read()).as("end of stream, no byte").isEqualTo(-1);
    }
    long heldMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(heldMs).isBetween(150L, 2_000L);
    assertThat(server.takeRequest().aborted()).as("the server's own close").isFalse();
  }

  @Test
  void faultRatesAreRightWithASeedAndTheServedRecordsCountThem() throws Exception {
    int requests = 2000;
    start(
        FaultPlan.rate(Fault.SERVER_ERROR, 0.1)
            .and(Fault.RATE_LIMITED, 0.05)
            .and(Fault.NO_USAGE, 0.05),
        Duration.ZERO);
    String body = chatBody(MODEL, "hi").put("max_tokens", 1).toString();

    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int batch = 0; batch < requests / 100; batch++) {
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        inFlight.add(
            HTTP.sendAsync(chatRequest(server, body), HttpResponse.BodyHandlers.ofString()));
      }
      for (CompletableFuture<HttpResponse<String>> f : inFlight) {
        responses.add(f.get(10, TimeUnit.SECONDS));
      }
    }
    Map<Integer, Long> byStatus =
        responses.stream()
            .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    long noUsage =
        responses.stream()
            .filter(r -> r.statusCode() == 200 && !json(r.body()).has("usage"))
            .count();

    // Binomial(2000, p): sd 13.4 for p = 0.1, 9.7 for 0.05; bounds are about 4 sd.
    assertThat(byStatus.get(500)).isBetween(146L, 254L);
    assertThat(byStatus.get(429)).isBetween(61L, 139L);
    assertThat(noUsage).isBetween(61L, 139L);
    assertThat(byStatus.keySet()).containsOnly(200, 429, 500);

    Map<String, Long> truthFaults =
        server.servedRequests().stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.fault() == null ? "none" : r.fault(), Collectors.counting()));
    assertThat(truthFaults)
        .containsOnly(
            Map.entry("500", byStatus.get(500)),
            Map.entry("429", byStatus.get(429)),
            Map.entry("nousage", noUsage),
            Map.entry("none", requests - byStatus.get(500) - byStatus.get(429) - noUsage));
  }
}
