package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.MAPPER;
import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.jsonFrames;
import static onlinebench.simulator.SimulatorClient.postChat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import onlinebench.config.LengthSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests that offer function tools are answered with tool calls, in OpenAI's exact shapes. */
class SimulatorToolCallsTest {

  private static final String MODEL = "simulated-llm";

  private SimulatorServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  /** A chat body offering get_weather(city) and search(), with tool_choice as given (or absent). */
  private static ObjectNode toolBody(JsonNode toolChoice) {
    ObjectNode body = chatBody(MODEL, "Weather in Paris?").put("max_tokens", 5);
    ObjectNode weather = body.putArray("tools").addObject().put("type", "function");
    ObjectNode function = weather.putObject("function").put("name", "get_weather");
    function
        .putObject("parameters")
        .put("type", "object")
        .putObject("properties")
        .putObject("city")
        .put("type", "string");
    body.withArray("tools")
        .addObject()
        .put("type", "function")
        .putObject("function")
        .put("name", "search");
    if (toolChoice != null) {
      body.set("tool_choice", toolChoice);
    }
    return body;
  }

  private static JsonNode text(String value) {
    return MAPPER.getNodeFactory().textNode(value);
  }

  private static JsonNode named(String name) {
    ObjectNode choice = MAPPER.createObjectNode().put("type", "function");
    choice.putObject("function").put("name", name);
    return choice;
  }

  @Test
  void requiredToolChoiceAnswersWithAToolCallMessage() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());

    HttpResponse<String> response = postChat(server, toolBody(text("required")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode choice = json(response.body()).get("choices").get(0);
    assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode message = choice.get("message");
    assertThat(message.get("role").asText()).isEqualTo("assistant");
    assertThat(message.has("content")).as("content is present, as null").isTrue();
    assertThat(message.get("content").isNull()).isTrue();
    JsonNode calls = message.get("tool_calls");
    assertThat(calls).hasSize(1);
    JsonNode call = calls.get(0);
    assertThat(call.get("id").asText()).isEqualTo("call_sim_1");
    assertThat(call.get("type").asText()).isEqualTo("function");
    String name = call.at("/function/name").asText();
    assertThat(name).isIn("get_weather", "search");
    JsonNode arguments = json(call.at("/function/arguments").asText());
    assertThat(arguments.isObject()).as("arguments are a JSON object in a string").isTrue();
    // get_weather's schema names "city"; search has no parameters, so the key is "query".
    String key = name.equals("get_weather") ? "city" : "query";
    // 5 tokens: the call's name, then 4 pieces of arguments, one word each.
    assertThat(arguments.get(key).asText()).isEqualTo("the quick model streams");
    assertThat(json(response.body()).at("/usage/completion_tokens").asInt()).isEqualTo(5);
    TruthRecord truth = server.takeRequest();
    assertThat(truth.toolCall()).isTrue();
    assertThat(truth.finishReason()).isEqualTo("tool_calls");
    assertThat(truth.completionTokens()).isEqualTo(5);
  }

  @Test
  void streamedToolCallSendsItsHeaderThenOneArgumentsPiecePerToken() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());
    ObjectNode body = toolBody(named("get_weather")).put("stream", true);
    body.putObject("stream_options").put("include_usage", true);

    HttpResponse<String> response = postChat(server, body);

    List<JsonNode> frames = jsonFrames(response.body());
    // header + 4 pieces + finish chunk + usage chunk
    assertThat(frames).hasSize(7);
    JsonNode header = frames.get(0).at("/choices/0/delta");
    assertThat(header.get("role").asText()).isEqualTo("assistant");
    assertThat(header.get("content").isNull()).isTrue();
    JsonNode headerCall = header.get("tool_calls").get(0);
    assertThat(headerCall.get("index").asInt()).isZero();
    assertThat(headerCall.get("id").asText()).isEqualTo("call_sim_1");
    assertThat(headerCall.get("type").asText()).isEqualTo("function");
    assertThat(headerCall.at("/function/name").asText()).isEqualTo("get_weather");
    assertThat(headerCall.at("/function/arguments").asText()).isEmpty();
    assertThat(frames.get(0).at("/choices/0/finish_reason").isNull()).isTrue();
    StringBuilder arguments = new StringBuilder();
    for (JsonNode frame : frames.subList(1, 5)) {
      JsonNode delta = frame.at("/choices/0/delta");
      assertThat(delta.fieldNames()).toIterable().containsExactly("tool_calls");
      JsonNode call = delta.get("tool_calls").get(0);
      assertThat(call.fieldNames()).toIterable().containsExactly("index", "function");
      assertThat(call.get("index").asInt()).isZero();
      assertThat(call.get("function").fieldNames()).toIterable().containsExactly("arguments");
      assertThat(frame.at("/choices/0/finish_reason").isNull()).isTrue();
      arguments.append(call.at("/function/arguments").asText());
    }
    assertThat(json(arguments.toString()).get("city").asText())
        .isEqualTo("the quick model streams");
    JsonNode finish = frames.get(5).at("/choices/0");
    assertThat(finish.get("delta").isEmpty()).isTrue();
    assertThat(finish.get("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(frames.get(6).get("choices")).isEmpty();
    assertThat(frames.get(6).at("/usage/completion_tokens").asInt()).isEqualTo(5);
    TruthRecord truth = server.takeRequest();
    assertThat(truth.toolCall()).isTrue();
    assertThat(truth.chunkNanos()).as("one token-carrying write per token").hasSize(5);
  }

  @Test
  void vllmProfileSendsItsRoleChunkFirstAndTheFinishReasonOnTheLastPiece() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast().withProfile(ServerProfile.VLLM));

    HttpResponse<String> response =
        postChat(server, toolBody(text("required")).put("stream", true).put("max_tokens", 3));

    List<JsonNode> frames = jsonFrames(response.body());
    // role chunk, header, 2 pieces (the last with finish_reason); no usage asked
    assertThat(frames).hasSize(4);
    assertThat(frames.get(0).at("/choices/0/delta").toString())
        .isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    JsonNode header = frames.get(1).at("/choices/0/delta");
    assertThat(header.has("role")).isFalse();
    assertThat(header.at("/tool_calls/0/id").asText()).isEqualTo("call_sim_1");
    assertThat(frames.get(3).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void oneTokenCallCarriesItsWholeArgumentsInTheHeader() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());

    HttpResponse<String> response =
        postChat(server, toolBody(named("search")).put("stream", true).put("max_tokens", 1));

    List<JsonNode> frames = jsonFrames(response.body());
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).at("/choices/0/delta/tool_calls/0/function/arguments").asText())
        .isEqualTo("{\"query\":\"the\"}");
  }

  @Test
  void toolChoiceNoneAndRequestsWithoutToolsAreAnsweredInText() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withConversations(Conversations.defaults().withToolCallShare(1)));

    JsonNode none = json(postChat(server, toolBody(text("none"))).body());
    JsonNode noTools = json(postChat(server, chatBody(MODEL, "hi")).body());

    for (JsonNode answer : List.of(none, noTools)) {
      JsonNode message = answer.at("/choices/0/message");
      assertThat(message.has("tool_calls")).isFalse();
      assertThat(message.get("content").isTextual()).isTrue();
      assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }
    assertThat(server.takeRequest().toolCall()).isFalse();
    assertThat(server.takeRequest().toolCall()).isFalse();
  }

  @Test
  void autoCallsToolsOnTheConfiguredShareAndTheSameRequestsUnderTheSameSeed() throws Exception {
    int n = 200;
    List<Boolean> first = toolCallPattern(SimulatorConfig.fast().withSeed(7), n);
    List<Boolean> again = toolCallPattern(SimulatorConfig.fast().withSeed(7), n);
    List<Boolean> otherSeed = toolCallPattern(SimulatorConfig.fast().withSeed(8), n);
    List<Boolean> never =
        toolCallPattern(
            SimulatorConfig.fast().withConversations(Conversations.defaults().withToolCallShare(0)),
            20);

    assertThat(again).as("same seed, same requests answered with tool calls").isEqualTo(first);
    assertThat(otherSeed).as("another seed draws another pattern").isNotEqualTo(first);
    long calls = first.stream().filter(b -> b).count();
    // Binomial(200, 0.5): mean 100, sd about 7; 70..130 is beyond 4 sd either way.
    assertThat(calls).as("tool calls of %d at share 0.5", n).isBetween(70L, 130L);
    assertThat(never).as("share 0").containsOnly(false);
  }

  /** Sends n auto tool requests in order and says which were answered with a tool call. */
  private List<Boolean> toolCallPattern(SimulatorConfig config, int n) throws Exception {
    try (SimulatorServer s = SimulatorServer.start(config)) {
      List<Boolean> pattern = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        JsonNode answer = json(postChat(s, toolBody(null)).body());
        pattern.add(answer.at("/choices/0/message").has("tool_calls"));
      }
      return pattern;
    }
  }

  @Test
  void rejectsToolChoiceWithoutToolsAndUnknownNames() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());

    HttpResponse<String> withoutTools =
        postChat(server, chatBody(MODEL, "hi").put("tool_choice", "required"));
    HttpResponse<String> unknownName = postChat(server, toolBody(named("book_flight")));
    HttpResponse<String> badChoice = postChat(server, toolBody(text("always")));

    assertThat(withoutTools.statusCode()).isEqualTo(400);
    assertThat(json(withoutTools.body()).at("/error/message").asText())
        .isEqualTo("When using `tool_choice`, `tools` must be set.");
    assertThat(unknownName.statusCode()).isEqualTo(400);
    assertThat(json(unknownName.body()).at("/error/message").asText())
        .isEqualTo("Tool 'book_flight' has not been passed in `tools`.");
    assertThat(badChoice.statusCode()).isEqualTo(400);
    assertThat(json(badChoice.body()).at("/error/message").asText())
        .isEqualTo(
            "Invalid value for `tool_choice`: always! Only named tools, \"none\", \"auto\" or"
                + " \"required\" are supported.");
  }

  @Test
  void aReasoningModelStreamsItsReasoningFirstThenTheCall() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast().withReasoningTokens(LengthSpec.fixed(2)));
    ObjectNode body = toolBody(named("get_weather")).put("stream", true);
    body.putObject("stream_options").put("include_usage", true);

    List<JsonNode> frames = jsonFrames(postChat(server, body).body());

    // role chunk, 2 reasoning chunks, header, 2 pieces, finish chunk, usage chunk
    assertThat(frames).hasSize(8);
    assertThat(frames.get(0).at("/choices/0/delta").toString())
        .as("the role rides with the first reasoning token, not in the call's header")
        .isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
    assertThat(frames.get(1).at("/choices/0/delta/reasoning_content").asText()).isNotEmpty();
    assertThat(frames.get(2).at("/choices/0/delta/reasoning_content").asText()).isNotEmpty();
    JsonNode header = frames.get(3).at("/choices/0/delta");
    assertThat(header.fieldNames()).toIterable().containsExactly("tool_calls");
    assertThat(header.at("/tool_calls/0/function/name").asText()).isEqualTo("get_weather");
    String arguments =
        frames.get(4).at("/choices/0/delta/tool_calls/0/function/arguments").asText()
            + frames.get(5).at("/choices/0/delta/tool_calls/0/function/arguments").asText();
    assertThat(json(arguments).get("city").asText())
        .as("the call has the 3 tokens after the reasoning: its name and 2 pieces")
        .isEqualTo("the quick");
    assertThat(frames.get(6).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode usage = frames.get(7).get("usage");
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
    assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(2);
    TruthRecord truth = server.takeRequest();
    assertThat(truth.toolCall()).isTrue();
    assertThat(truth.reasoningTokens()).isEqualTo(2);
    assertThat(truth.completionTokens()).isEqualTo(5);
  }

  @Test
  void aNonStreamedCallOfAReasoningModelCarriesItsReasoningBesideTheCall() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withProfile(ServerProfile.VLLM)
                .withReasoningTokens(LengthSpec.fixed(2)));

    JsonNode body = json(postChat(server, toolBody(text("required"))).body());

    JsonNode message = body.at("/choices/0/message");
    assertThat(message.get("reasoning").asText()).isEqualTo(" the quick");
    assertThat(message.get("content").isNull()).isTrue();
    assertThat(message.at("/tool_calls/0/id").asText()).isEqualTo("call_sim_1");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(5);
  }

  @Test
  void maxTokensReachedWhileThinkingLeavesNoCall() throws Exception {
    server =
        SimulatorServer.start(SimulatorConfig.fast().withReasoningTokens(LengthSpec.fixed(10)));

    JsonNode body = json(postChat(server, toolBody(text("required"))).body());

    JsonNode message = body.at("/choices/0/message");
    assertThat(message.has("tool_calls")).isFalse();
    assertThat(message.get("content").asText()).isEmpty();
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(server.takeRequest().toolCall()).isFalse();
  }
}
