package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.jsonFrames;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's responses, pinned field by field to OpenAI's wire format. */
class SimulatorWireFormatTest {

  private static final String MODEL = "simulated-llm";
  private SimulatorServer server;

  private SimulatorServer start(SimulatorConfig config) throws Exception {
    server = SimulatorServer.start(config);
    return server;
  }

  private SimulatorServer startFast() throws Exception {
    return start(SimulatorConfig.fast());
  }

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void baseUrlIsLoopbackWithV1() throws Exception {
    startFast();

    assertThat(server.port()).isPositive();
    assertThat(server.baseUrl()).hasToString("http://127.0.0.1:" + server.port() + "/v1");
    assertThat(server.url("chat/completions"))
        .hasToString("http://127.0.0.1:" + server.port() + "/v1/chat/completions");
  }

  @Test
  void nonStreamingResponseCarriesOpenAiFieldsAndUsage() throws Exception {
    startFast();

    HttpResponse<String> response =
        postChat(server, chatBody(MODEL, "Hello, world 42!").put("max_tokens", 5));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = json(response.body());
    assertThat(body.get("id").asText()).isEqualTo("chatcmpl-sim-1");
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("created").isIntegralNumber()).isTrue();
    assertThat(body.get("created").asLong())
        .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
    assertThat(body.get("model").asText()).isEqualTo(MODEL);
    assertThat(body.get("choices")).hasSize(1);
    JsonNode choice = body.get("choices").get(0);
    assertThat(choice.get("index").asInt()).isZero();
    assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(choice.get("message").get("content").asText())
        .isEqualTo(" the quick model streams one");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
    assertThat(body.get("usage"))
        .isEqualTo(json("{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}"));
  }

  @Test
  void streamSendsRoleChunkThenOneChunkPerTokenThenFinishUsageAndDone() throws Exception {
    startFast();

    HttpResponse<String> response = postChat(server, streamingBody(MODEL, 4, true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("text/event-stream; charset=utf-8");
    assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
    List<JsonNode> chunks = jsonFrames(response.body());
    assertThat(chunks).hasSize(1 + 4 + 1 + 1);
    for (JsonNode chunk : chunks) {
      assertThat(chunk.get("id").asText()).isEqualTo("chatcmpl-sim-1");
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.get("model").asText()).isEqualTo(MODEL);
      assertThat(chunk.get("created").isIntegralNumber()).isTrue();
    }

    JsonNode role = chunks.get(0).get("choices").get(0);
    assertThat(role.get("delta")).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"\"}"));
    assertThat(role.get("finish_reason").isNull()).isTrue();

    List<String> words =
        chunks.subList(1, 5).stream()
            .map(c -> c.get("choices").get(0))
            .peek(choice -> assertThat(choice.get("finish_reason").isNull()).isTrue())
            .map(choice -> choice.get("delta"))
            .peek(delta -> assertThat(delta.size()).as("delta carries only content").isEqualTo(1))
            .map(delta -> delta.get("content").asText())
            .toList();
    assertThat(words).containsExactly(" the", " quick", " model", " streams");

    JsonNode finish = chunks.get(5).get("choices").get(0);
    assertThat(finish.get("delta")).isEmpty();
    assertThat(finish.get("finish_reason").asText()).isEqualTo("length");

    JsonNode usage = chunks.get(6);
    assertThat(usage.get("choices")).isEmpty();
    assertThat(usage.get("usage"))
        .isEqualTo(json("{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}"));
    // Per OpenAI, with include_usage every chunk before the usage chunk carries "usage": null.
    assertThat(chunks.subList(0, 6)).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
  }

  @Test
  void streamWithoutIncludeUsageHasNoUsageAnywhere() throws Exception {
    startFast();

    HttpResponse<String> response = postChat(server, streamingBody(MODEL, 3, false));

    List<JsonNode> chunks = jsonFrames(response.body());
    assertThat(chunks).hasSize(1 + 3 + 1);
    assertThat(chunks).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
    assertThat(chunks.get(4).get("choices").get(0).get("finish_reason").asText())
        .isEqualTo("length");
  }

  @Test
  void wholeDeliverySendsTheSameFramesAsTokenDelivery() throws Exception {
    startFast();
    String tokenBody = postChat(server, streamingBody(MODEL, 20, true)).body();
    server.close();
    start(SimulatorConfig.fast().withDelivery(Delivery.WHOLE));

    String wholeBody = postChat(server, streamingBody(MODEL, 20, true)).body();

    assertThat(wholeBody.replaceAll("\"created\":\\d+", "\"created\":0"))
        .isEqualTo(tokenBody.replaceAll("\"created\":\\d+", "\"created\":0"));
  }

  @Test
  void framesStayValidJsonWhenTheModelNameNeedsEscaping() throws Exception {
    String model = "odd \"model\"\n\\ \u0000token\u0000 é";
    start(SimulatorConfig.fast().withModel(model));

    HttpResponse<String> response = postChat(server, streamingBody(model, 3, true));

    List<JsonNode> chunks = jsonFrames(response.body());
    assertThat(chunks)
        .hasSize(6)
        .allSatisfy(c -> assertThat(c.get("model").asText()).isEqualTo(model));
    assertThat(chunks.get(1).get("choices").get(0).get("delta").get("content").asText())
        .isEqualTo(" the");
  }

  @Test
  void outputLengthIsMaxCompletionTokensThenMaxTokensThenSixteen() throws Exception {
    startFast();

    JsonNode both =
        json(
            postChat(
                    server,
                    chatBody(MODEL, "x").put("max_tokens", 3).put("max_completion_tokens", 7))
                .body());
    JsonNode neither = json(postChat(server, chatBody(MODEL, "x")).body());

    assertThat(both.at("/usage/completion_tokens").asInt()).isEqualTo(7);
    assertThat(neither.at("/usage/completion_tokens").asInt()).isEqualTo(16);
    assertThat(PromptTokenCounter.count(neither.at("/choices/0/message/content").asText()))
        .isEqualTo(16);
  }

  @Test
  void promptTokensCountWordsDigitsAndPunctuationOfEveryMessage() throws Exception {
    startFast();
    var body = chatBody(MODEL, "What's 6 x 7?");
    body.withArray("messages")
        .insertObject(0)
        .put("role", "system")
        .put("content", "You are terse.");

    JsonNode response = json(postChat(server, body).body());

    // "You" "are" "terse" "." + "What" "'" "s" "6" "x" "7" "?"
    assertThat(response.at("/usage/prompt_tokens").asInt()).isEqualTo(11);
    assertThat(response.at("/usage/total_tokens").asInt()).isEqualTo(11 + 16);
  }

  @Test
  void modelsListsTheServedModel() throws Exception {
    startFast();

    HttpResponse<String> response = SimulatorClient.send("GET", server.url("models"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response.body());
    assertThat(body.get("object").asText()).isEqualTo("list");
    assertThat(body.get("data")).hasSize(1);
    JsonNode model = body.get("data").get(0);
    assertThat(model.get("id").asText()).isEqualTo(MODEL);
    assertThat(model.get("object").asText()).isEqualTo("model");
    assertThat(model.get("created").isIntegralNumber()).isTrue();
    assertThat(model.get("owned_by").asText()).isEqualTo("online-bench-openai");
  }

  @Test
  void requestCountCountsChatRequestsWhateverTheirOutcome() throws Exception {
    startFast();

    postChat(server, chatBody(MODEL, "ok"));
    postChat(server, "{not json");
    postChat(server, chatBody("other-model", "x"));
    SimulatorClient.send("GET", server.url("models"));

    assertThat(server.requestCount()).isEqualTo(3);
  }
}
