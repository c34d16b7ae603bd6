package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.completionBody;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each {@code sim.profile} on the wire, read byte by byte ({@link RawHttp}); the {@code llamacpp}
 * profile against the transcripts of a real {@code llama-server} (src/test/resources/wire): same
 * headers, same events sharing one write, same JSON keys.
 */
class SimulatorProfilesTest {

  private static final String MODEL = "simulated-llm";
  private static final String CHAT = "/v1/chat/completions";
  private SimulatorServer server;

  private SimulatorServer start(ServerProfile profile, Duration ttft, Duration itl)
      throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.defaults().withDelays(ttft, itl).withProfile(profile));
    return server;
  }

  private SimulatorServer startFast(ServerProfile profile) throws Exception {
    return start(profile, Duration.ZERO, Duration.ZERO);
  }

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  private RawHttp.Response exchange(String path, String body) throws Exception {
    try (RawHttp connection = new RawHttp(server.port())) {
      connection.postJson(path, body);
      return connection.read();
    }
  }

  // --- llama.cpp, against its transcripts ---

  @Test
  void llamacppStreamIsFramedAsTheTranscript() throws Exception {
    startFast(ServerProfile.LLAMACPP);

    RawHttp.Response ours = exchange(CHAT, streamingBody(MODEL, 4, true).toString());
    RawHttp.Response real = RawHttp.transcript("llama.cpp/chat-stream.txt");

    assertThat(framing(real))
        .as("the transcript: role and first token in one write, finish and usage in one")
        .containsExactly(
            List.of("role", "token"),
            List.of("token"),
            List.of("token"),
            List.of("token"),
            List.of("finish", "usage"),
            List.of("done"));
    assertThat(framing(ours)).isEqualTo(framing(real));
    assertThat(keysByKind(ours)).isEqualTo(keysByKind(real));
    JsonNode role = json(payloads(ours.chunks().get(0)).get(0));
    assertThat(role.at("/choices/0/delta/content").isNull()).as("role chunk content").isTrue();
    assertSameHeaders(ours, real, "content-type", "keep-alive", "server", "x-accel-buffering");
  }

  @Test
  void llamacppPlainAnswerHasTheTranscriptsKeysAndHeaders() throws Exception {
    startFast(ServerProfile.LLAMACPP);

    RawHttp.Response ours = exchange(CHAT, chatBody(MODEL, "hi").put("max_tokens", 4).toString());
    RawHttp.Response real = RawHttp.transcript("llama.cpp/chat.txt");

    assertThat(ours.status()).isEqualTo(200);
    assertThat(keyTree(json(ours.body()))).isEqualTo(keyTree(json(real.body())));
    assertSameHeaders(ours, real, "content-type", "keep-alive", "server");
  }

  @Test
  void llamacppLegacyCompletionsStreamCarriesUsageOnItsFinishChunk() throws Exception {
    startFast(ServerProfile.LLAMACPP);
    var body = completionBody(MODEL, "hi").put("max_tokens", 3).put("stream", true);
    body.putObject("stream_options").put("include_usage", true);

    RawHttp.Response ours = exchange("/v1/completions", body.toString());
    RawHttp.Response real = RawHttp.transcript("llama.cpp/completions-stream.txt");

    assertThat(framing(real))
        .containsExactly(
            List.of("token"),
            List.of("token"),
            List.of("token"),
            List.of("finish"),
            List.of("done"));
    assertThat(framing(ours)).isEqualTo(framing(real));
    assertThat(keysByKind(ours)).isEqualTo(keysByKind(real));
  }

  @Test
  void llamacppModelsListHasTheTranscriptsShape() throws Exception {
    startFast(ServerProfile.LLAMACPP);
    RawHttp.Response ours;
    try (RawHttp connection = new RawHttp(server.port())) {
      connection.send("GET", "/v1/models", null, "");
      ours = connection.read();
    }
    RawHttp.Response real = RawHttp.transcript("llama.cpp/models.txt");

    assertThat(keyTree(json(ours.body()))).isEqualTo(keyTree(json(real.body())));
    assertThat(json(ours.body()).at("/data/0/owned_by").asText()).isEqualTo("llamacpp");
  }

  @Test
  void llamacppAnswersBadJsonWith500AndClosesTheConnection() throws Exception {
    startFast(ServerProfile.LLAMACPP);
    RawHttp.Response real = RawHttp.transcript("llama.cpp/error-bad-json.txt");

    try (RawHttp connection = new RawHttp(server.port())) {
      connection.postJson(CHAT, "{no");
      RawHttp.Response ours = connection.read();

      assertThat(ours.status()).isEqualTo(real.status()).isEqualTo(500);
      assertThat(keyTree(json(ours.body()))).isEqualTo(keyTree(json(real.body())));
      assertThat(json(ours.body()).at("/error/type").asText()).isEqualTo("server_error");
      assertSameHeaders(ours, real, "connection", "content-type", "server");
      assertThat(connection.closedByServer()).as("closed after the error").isTrue();
    }
  }

  @Test
  void llamacppMissingMessagesIsA400InItsShape() throws Exception {
    startFast(ServerProfile.LLAMACPP);
    RawHttp.Response real = RawHttp.transcript("llama.cpp/error-no-messages.txt");

    RawHttp.Response ours = exchange(CHAT, "{\"model\":\"simulated-llm\"}");

    assertThat(ours.status()).isEqualTo(real.status()).isEqualTo(400);
    assertThat(keyTree(json(ours.body()))).isEqualTo(keyTree(json(real.body())));
    assertThat(json(ours.body()).at("/error/code").asInt()).isEqualTo(400);
    assertThat(ours.header("connection")).isEqualTo(real.header("connection")).isEqualTo("close");
  }

  @Test
  void llamacppReadsABodyWithoutContentTypeAndAcceptsAnyModelName() throws Exception {
    startFast(ServerProfile.LLAMACPP);
    RawHttp.Response real = RawHttp.transcript("llama.cpp/no-content-type.txt");

    RawHttp.Response ours;
    try (RawHttp connection = new RawHttp(server.port())) {
      connection.send("POST", CHAT, null, chatBody("tiny", "hi").put("max_tokens", 2).toString());
      ours = connection.read();
    }

    assertThat(ours.status()).isEqualTo(real.status()).isEqualTo(200);
    assertThat(keyTree(json(ours.body()))).isEqualTo(keyTree(json(real.body())));
  }

  @Test
  void llamacppClosesWithoutAnswerTheRequestAfterAStreamedAnswer() throws Exception {
    startFast(ServerProfile.LLAMACPP);

    try (RawHttp connection = new RawHttp(server.port())) {
      connection.postJson(CHAT, streamingBody(MODEL, 3, true).toString());
      assertThat(connection.read().status()).isEqualTo(200);
      connection.postJson(CHAT, streamingBody(MODEL, 3, true).toString());

      assertThat(connection.read())
          .as("two-streams-one-connection.txt: closed with no answer")
          .isNull();
    }
    assertThat(server.requestCount()).as("the dropped request never reached the model").isOne();
  }

  @Test
  void llamacppKeepsAnsweringOnAConnectionAfterPlainAnswers() throws Exception {
    startFast(ServerProfile.LLAMACPP);

    try (RawHttp connection = new RawHttp(server.port())) {
      for (int i = 0; i < 3; i++) {
        connection.postJson(CHAT, chatBody(MODEL, "hi").put("max_tokens", 2).toString());
        assertThat(connection.read().status()).as("answer %d", i).isEqualTo(200);
      }
    }
  }

  @Test
  void llamacppSaysConnectionCloseOnTheHundredthResponseAndCloses() throws Exception {
    startFast(ServerProfile.LLAMACPP);

    try (RawHttp connection = new RawHttp(server.port())) {
      for (int i = 1; i <= 100; i++) {
        connection.postJson(CHAT, chatBody(MODEL, "hi").put("max_tokens", 1).toString());
        RawHttp.Response response = connection.read();
        if (i < 100) {
          assertThat(response.header("keep-alive"))
              .as("response %d", i)
              .isEqualTo("timeout=5, max=100");
          assertThat(response.header("connection")).as("response %d", i).isNull();
        } else {
          assertThat(response.header("connection")).isEqualTo("close");
          assertThat(response.header("keep-alive")).isNull();
        }
      }
      assertThat(connection.closedByServer()).isTrue();
    }
  }

  // --- vLLM ---

  @Test
  void vllmSendsItsRoleChunkAloneAtAdmissionAndFinishesOnTheLastToken() throws Exception {
    start(ServerProfile.VLLM, Duration.ofMillis(300), Duration.ofMillis(1));

    long sent = System.nanoTime();
    RawHttp.Response ours = exchange(CHAT, streamingBody(MODEL, 3, true).toString());

    assertThat(framing(ours))
        .containsExactly(
            List.of("role"),
            List.of("token"),
            List.of("token"),
            List.of("token"),
            List.of("usage"),
            List.of("done"));
    double roleMs = (ours.chunkNanos().get(0) - sent) / 1e6;
    double firstTokenMs = (ours.chunkNanos().get(1) - sent) / 1e6;
    assertThat(roleMs).as("role chunk, ms after the send").isBetween(0.0, 200.0);
    assertThat(firstTokenMs).as("first token, ms after the send").isBetween(295.0, 3_000.0);
    List<JsonNode> frames = allFrames(ours);
    assertThat(frames.subList(0, 4)).allSatisfy(f -> assertThat(f.has("usage")).isFalse());
    JsonNode last = frames.get(3).at("/choices/0");
    assertThat(last.at("/delta/content").asText()).isNotEmpty();
    assertThat(last.get("finish_reason").asText()).isEqualTo("length");
  }

  @Test
  void vllmAnswersAnUnknownModelWithItsErrorShape() throws Exception {
    startFast(ServerProfile.VLLM);

    RawHttp.Response ours = exchange(CHAT, chatBody("other", "hi").toString());

    assertThat(ours.status()).isEqualTo(404);
    assertThat(json(ours.body()))
        .isEqualTo(
            json(
                "{\"error\":{\"message\":\"The model `other` does not exist.\","
                    + "\"type\":\"NotFoundError\",\"param\":\"model\",\"code\":404}}"));
  }

  @Test
  void vllmClosesAConnectionIdleForFiveSeconds() throws Exception {
    startFast(ServerProfile.VLLM);

    try (RawHttp connection = new RawHttp(server.port())) {
      connection.postJson(CHAT, chatBody(MODEL, "hi").put("max_tokens", 1).toString());
      connection.read();
      long answered = System.nanoTime();

      assertThat(connection.closedByServer()).isTrue();
      assertThat((System.nanoTime() - answered) / 1e9)
          .as("seconds from the answer to the close")
          .isBetween(4.9, 8.0);
    }
  }

  // --- SGLang ---

  @Test
  void sglangSendsItsRoleChunkInItsOwnWriteWithNullUsageOnEveryChunk() throws Exception {
    start(ServerProfile.SGLANG, Duration.ofMillis(200), Duration.ofMillis(1));

    long sent = System.nanoTime();
    RawHttp.Response ours = exchange(CHAT, streamingBody(MODEL, 2, false).toString());

    assertThat(framing(ours))
        .containsExactly(
            List.of("role"),
            List.of("token"),
            List.of("token"),
            List.of("finish"),
            List.of("done"));
    assertThat((ours.chunkNanos().get(0) - sent) / 1e6)
        .as("role chunk, ms after the send: with the first token")
        .isBetween(195.0, 3_000.0);
    assertThat(allFrames(ours))
        .allSatisfy(f -> assertThat(f.get("usage").isNull()).as("usage: null").isTrue());
  }

  @Test
  void sglangErrorsAndModelsHaveItsShape() throws Exception {
    startFast(ServerProfile.SGLANG);

    RawHttp.Response error = exchange(CHAT, chatBody("other", "hi").toString());
    RawHttp.Response models;
    try (RawHttp connection = new RawHttp(server.port())) {
      connection.send("GET", "/v1/models", null, "");
      models = connection.read();
    }

    assertThat(error.status()).isEqualTo(404);
    assertThat(keyTree(json(error.body())))
        .containsExactly("code", "message", "object", "param", "type");
    assertThat(json(error.body()).get("code").asInt()).isEqualTo(404);
    assertThat(json(models.body()).at("/data/0/owned_by").asText()).isEqualTo("sglang");
    assertThat(keyTree(json(models.body())))
        .contains("data[].root", "data[].parent", "data[].max_model_len");
  }

  // --- TGI and Ollama ---

  @Test
  void tgiPutsTheRoleInEveryDeltaAndTheFinishReasonOnTheLastToken() throws Exception {
    startFast(ServerProfile.TGI);

    RawHttp.Response ours = exchange(CHAT, streamingBody(MODEL, 3, false).toString());

    assertThat(framing(ours))
        .containsExactly(List.of("token"), List.of("token"), List.of("token"), List.of("done"));
    List<JsonNode> frames = allFrames(ours);
    assertThat(frames)
        .allSatisfy(f -> assertThat(f.at("/choices/0/delta/role").asText()).isEqualTo("assistant"));
    assertThat(frames.get(2).at("/choices/0/finish_reason").asText()).isEqualTo("length");
  }

  @Test
  void tgiErrorsAreAMessageAndAType() throws Exception {
    startFast(ServerProfile.TGI);

    RawHttp.Response error = exchange(CHAT, "{\"model\":\"simulated-llm\"}");

    assertThat(error.status()).isEqualTo(400);
    assertThat(keyTree(json(error.body()))).containsExactly("error", "error_type");
  }

  @Test
  void ollamaStreamsTheRoleInEveryDeltaWithItsFingerprintAndNoNullUsage() throws Exception {
    startFast(ServerProfile.OLLAMA);

    RawHttp.Response ours = exchange(CHAT, streamingBody(MODEL, 2, true).toString());

    assertThat(framing(ours))
        .containsExactly(
            List.of("token"),
            List.of("token"),
            List.of("finish"),
            List.of("usage"),
            List.of("done"));
    List<JsonNode> frames = allFrames(ours);
    assertThat(frames)
        .allSatisfy(f -> assertThat(f.get("system_fingerprint").asText()).isEqualTo("fp_ollama"));
    assertThat(frames.subList(0, 3)).allSatisfy(f -> assertThat(f.has("usage")).isFalse());
    assertThat(frames.get(2).at("/choices/0/delta"))
        .isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\"}"));
  }

  @Test
  void ollamaErrorsAndModelsHaveItsShape() throws Exception {
    startFast(ServerProfile.OLLAMA);

    RawHttp.Response error = exchange(CHAT, "{\"model\":\"simulated-llm\"}");
    RawHttp.Response models;
    try (RawHttp connection = new RawHttp(server.port())) {
      connection.send("GET", "/v1/models", null, "");
      models = connection.read();
    }

    assertThat(error.status()).isEqualTo(400);
    JsonNode body = json(error.body());
    assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(body.at("/error/param").isNull()).isTrue();
    assertThat(body.at("/error/code").isNull()).isTrue();
    assertThat(json(models.body()).at("/data/0/owned_by").asText()).isEqualTo("library");
  }

  // --- every profile ---

  @Test
  void everyProfileServesTheSameTokensAndUsage() throws Exception {
    for (ServerProfile profile : ServerProfile.values()) {
      startFast(profile);

      RawHttp.Response stream = exchange(CHAT, streamingBody(MODEL, 5, true).toString());
      RawHttp.Response plain =
          exchange(CHAT, chatBody(MODEL, "Tell me a story.").put("max_tokens", 5).toString());

      StringBuilder text = new StringBuilder();
      JsonNode usage = null;
      for (JsonNode frame : allFrames(stream)) {
        JsonNode choice = frame.at("/choices/0");
        if (!choice.isMissingNode() && choice.at("/delta/content").isTextual()) {
          text.append(choice.at("/delta/content").asText());
        }
        if (frame.hasNonNull("usage")) {
          usage = frame.get("usage");
        }
      }
      assertThat(text.toString())
          .as(profile + " streamed text")
          .isEqualTo(" the quick model streams one");
      assertThat(usage).as(profile + " usage").isNotNull();
      assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
      assertThat(json(plain.body()).at("/choices/0/message/content").asText())
          .as(profile + " plain text")
          .isEqualTo(text.toString());
      server.close();
    }
  }

  // --- helpers ---

  private static void assertSameHeaders(
      RawHttp.Response ours, RawHttp.Response real, String... values) {
    assertThat(ours.headers().keySet()).as("header names").isEqualTo(real.headers().keySet());
    for (String name : values) {
      assertThat(ours.header(name)).as("header %s", name).isEqualTo(real.header(name));
    }
  }

  /** The SSE payloads of one HTTP chunk. */
  private static List<String> payloads(String chunk) {
    List<String> payloads = new ArrayList<>();
    for (String frame : chunk.split("\n\n")) {
      if (!frame.isEmpty()) {
        assertThat(frame).startsWith("data: ");
        payloads.add(frame.substring("data: ".length()));
      }
    }
    return payloads;
  }

  /**
   * Per HTTP chunk (one server write), the kinds of the events in it: {@code token} (carries text,
   * maybe also the finish reason), {@code role}, {@code finish}, {@code usage}, {@code done}.
   */
  private static List<List<String>> framing(RawHttp.Response response) {
    return response.chunks().stream()
        .map(chunk -> payloads(chunk).stream().map(SimulatorProfilesTest::kind).toList())
        .toList();
  }

  private static List<JsonNode> allFrames(RawHttp.Response response) {
    return response.chunks().stream()
        .flatMap(chunk -> payloads(chunk).stream())
        .filter(p -> !p.equals("[DONE]"))
        .map(SimulatorClient::json)
        .toList();
  }

  private static String kind(String payload) {
    if (payload.equals("[DONE]")) {
      return "done";
    }
    JsonNode chunk = json(payload);
    JsonNode choices = chunk.get("choices");
    if (choices.isEmpty()) {
      return "usage";
    }
    JsonNode choice = choices.get(0);
    JsonNode delta = choice.path("delta");
    JsonNode text = delta.isMissingNode() ? choice.path("text") : delta.path("content");
    if (text.isTextual() && !text.asText().isEmpty()) {
      return "token";
    }
    if (choice.hasNonNull("finish_reason")) {
      return "finish";
    }
    return delta.has("role") ? "role" : "empty";
  }

  /** For each kind of event, the key tree of its first occurrence. */
  private static Map<String, Set<String>> keysByKind(RawHttp.Response response) {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    for (String chunk : response.chunks()) {
      for (String payload : payloads(chunk)) {
        if (!payload.equals("[DONE]")) {
          keys.putIfAbsent(kind(payload), keyTree(json(payload)));
        }
      }
    }
    return keys;
  }

  /** Every key path of a JSON value: {@code usage.prompt_tokens}, {@code choices[].delta}, ... */
  static Set<String> keyTree(JsonNode node) {
    Set<String> paths = new TreeSet<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String prefix, Set<String> paths) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        paths.add(path);
        collect(field.getValue(), path, paths);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, prefix + "[]", paths);
      }
    }
  }
}
