package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.completionBody;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.jsonFrames;
import static onlinebench.simulator.SimulatorClient.postCompletion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The legacy {@code POST /v1/completions}, pinned field by field to OpenAI's wire format. */
class SimulatorCompletionsTest {

  private static final String MODEL = "simulated-llm";

  private SimulatorServer server;

  private void start(SimulatorConfig config) throws Exception {
    server = SimulatorServer.start(config);
  }

  private void startFast() throws Exception {
    start(SimulatorConfig.fast());
  }

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void nonStreamingAnswerIsATextCompletionWithUsageCountingThePrompt() throws Exception {
    startFast();

    HttpResponse<String> response =
        postCompletion(server, completionBody(MODEL, "Hello, world 42!").put("max_tokens", 5));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = json(response.body());
    assertThat(body.get("id").asText()).isEqualTo("cmpl-sim-1");
    assertThat(body.get("object").asText()).isEqualTo("text_completion");
    assertThat(body.get("model").asText()).isEqualTo(MODEL);
    assertThat(body.get("created").isIntegralNumber()).isTrue();
    assertThat(body.get("choices"))
        .isEqualTo(
            json(
                "[{\"index\":0,\"text\":\" the quick model streams one\",\"logprobs\":null,"
                    + "\"finish_reason\":\"length\"}]"));
    assertThat(body.get("usage"))
        .isEqualTo(json("{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}"));
  }

  @Test
  void streamSendsOneTextChunkPerTokenThenFinishUsageAndDone() throws Exception {
    startFast();

    HttpResponse<String> response =
        postCompletion(
            server,
            completionBody(MODEL, "Tell me a story.")
                .put("max_tokens", 3)
                .put("stream", true)
                .set("stream_options", json("{\"include_usage\":true}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("text/event-stream; charset=utf-8");
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    List<JsonNode> chunks = jsonFrames(response.body());
    assertThat(chunks).hasSize(3 + 1 + 1);
    for (JsonNode chunk : chunks) {
      assertThat(chunk.get("id").asText()).isEqualTo("cmpl-sim-1");
      assertThat(chunk.get("object").asText()).isEqualTo("text_completion");
      assertThat(chunk.get("model").asText()).isEqualTo(MODEL);
    }
    assertThat(chunks.subList(0, 3).stream().map(c -> c.at("/choices/0/text").asText()))
        .containsExactly(" the", " quick", " model");
    assertThat(chunks.get(0).get("choices").get(0))
        .isEqualTo(
            json("{\"index\":0,\"text\":\" the\",\"logprobs\":null,\"finish_reason\":null}"));
    assertThat(chunks.get(3).get("choices").get(0))
        .isEqualTo(
            json("{\"index\":0,\"text\":\"\",\"logprobs\":null,\"finish_reason\":\"length\"}"));
    assertThat(chunks.subList(0, 4)).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());
    JsonNode usage = chunks.get(4);
    assertThat(usage.get("choices")).isEmpty();
    assertThat(usage.get("usage"))
        .isEqualTo(json("{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}"));
  }

  @Test
  void streamWithoutIncludeUsageHasNoUsageAnywhere() throws Exception {
    startFast();

    HttpResponse<String> response =
        postCompletion(server, completionBody(MODEL, "x").put("max_tokens", 2).put("stream", true));

    List<JsonNode> chunks = jsonFrames(response.body());
    assertThat(chunks).hasSize(2 + 1);
    assertThat(chunks).allSatisfy(c -> assertThat(c.has("usage")).isFalse());
  }

  @Test
  void wholeDeliverySendsTheSameFramesAsTokenDelivery() throws Exception {
    startFast();
    JsonNode body =
        completionBody(MODEL, "x")
            .put("max_tokens", 20)
            .put("stream", true)
            .set("stream_options", json("{\"include_usage\":true}"));
    String tokenBody = postCompletion(server, body).body();
    server.close();
    start(SimulatorConfig.fast().withDelivery(Delivery.WHOLE));

    String wholeBody = postCompletion(server, body).body();

    assertThat(wholeBody.replaceAll("\"created\":\\d+", "\"created\":0"))
        .isEqualTo(tokenBody.replaceAll("\"created\":\\d+", "\"created\":0"));
  }

  @Test
  void rejectsAMissingOrNonStringPromptAsOpenAiDoes() throws Exception {
    startFast();
    JsonNode noPrompt = json("{\"model\":\"simulated-llm\",\"max_tokens\":2}");
    JsonNode arrayPrompt = json("{\"model\":\"simulated-llm\",\"prompt\":[\"a\",\"b\"]}");

    HttpResponse<String> missing = postCompletion(server, noPrompt);
    HttpResponse<String> array = postCompletion(server, arrayPrompt);

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing.body()).at("/error/param").asText()).isEqualTo("prompt");
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(json(array.body()).at("/error/message").asText()).contains("prompt");
  }

  @Test
  void faultsAndServedRecordsApplyAsToChat() throws Exception {
    start(SimulatorConfig.fast().withFaults(FaultPlan.always(Fault.SERVER_ERROR)));

    HttpResponse<String> response = postCompletion(server, completionBody(MODEL, "a b c"));

    assertThat(response.statusCode()).isEqualTo(500);
    TruthRecord served = server.takeRequest();
    assertThat(served.id()).isEqualTo("cmpl-sim-1");
    assertThat(served.fault()).isEqualTo("500");
    assertThat(server.takeRequest(Duration.ofMillis(50))).isNull();
  }

  @Test
  void servedRecordCountsThePromptOfACompletion() throws Exception {
    startFast();

    postCompletion(server, completionBody(MODEL, "one two three").put("max_tokens", 4));

    TruthRecord served = server.takeRequest();
    assertThat(served.id()).isEqualTo("cmpl-sim-1");
    assertThat(served.promptTokens()).isEqualTo(3);
    assertThat(served.completionTokens()).isEqualTo(4);
  }
}
