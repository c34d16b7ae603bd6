package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.jsonFrames;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import onlinebench.config.LengthSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reasoning model ({@code sim.reasoningTokens}): it thinks first, then answers. */
class SimulatorReasoningTest {

  private static final String MODEL = "simulated-llm";
  private SimulatorServer server;
  @TempDir Path dir;

  private SimulatorServer start(ServerProfile profile, LengthSpec reasoning) throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withProfile(profile)
                .withReasoningTokens(reasoning)
                .withTruthLog(dir.resolve("truth.jsonl")));
    return server;
  }

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  /** The text-carrying deltas of a stream, in order: "r" for reasoning, "a" for answer. */
  private static String kinds(List<JsonNode> frames, String field) {
    StringBuilder kinds = new StringBuilder();
    for (JsonNode frame : frames) {
      for (JsonNode choice : frame.path("choices")) {
        JsonNode delta = choice.path("delta");
        if (!delta.path(field).asText("").isEmpty()) {
          kinds.append('r');
        }
        if (!delta.path("content").asText("").isEmpty()) {
          kinds.append('a');
        }
      }
    }
    return kinds.toString();
  }

  @Test
  void theOpenAiProfileStreamsReasoningContentFirstAndCountsItInCompletionTokensDetails()
      throws Exception {
    start(ServerProfile.OPENAI, LengthSpec.fixed(3));

    List<JsonNode> frames = jsonFrames(postChat(server, streamingBody(MODEL, 5, true)).body());

    assertThat(kinds(frames, "reasoning_content")).isEqualTo("rrraa");
    JsonNode usage = frames.get(frames.size() - 1).get("usage");
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
    assertThat(usage.get("completion_tokens_details")).isEqualTo(json("{\"reasoning_tokens\":3}"));
  }

  @Test
  void theVllmProfileStreamsReasoningAndCountsItNowhere() throws Exception {
    start(ServerProfile.VLLM, LengthSpec.fixed(2));

    List<JsonNode> frames = jsonFrames(postChat(server, streamingBody(MODEL, 4, true)).body());

    assertThat(kinds(frames, "reasoning")).isEqualTo("rraa");
    assertThat(kinds(frames, "reasoning_content")).isEqualTo("aa");
    JsonNode usage = frames.get(frames.size() - 1).get("usage");
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(4);
    assertThat(usage.has("completion_tokens_details")).isFalse();
    // vLLM's last token carries the finish reason: here an answer token
    assertThat(frames.get(frames.size() - 2).at("/choices/0/delta/content").asText()).isNotEmpty();
  }

  @Test
  void theSglangProfileCountsReasoningAtTheTopOfUsage() throws Exception {
    start(ServerProfile.SGLANG, LengthSpec.fixed(2));

    List<JsonNode> frames = jsonFrames(postChat(server, streamingBody(MODEL, 4, true)).body());

    assertThat(kinds(frames, "reasoning_content")).isEqualTo("rraa");
    assertThat(frames.get(frames.size() - 1).at("/usage/reasoning_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void theOllamaProfileSendsReasoningBesideAnEmptyContent() throws Exception {
    start(ServerProfile.OLLAMA, LengthSpec.fixed(1));

    List<JsonNode> frames = jsonFrames(postChat(server, streamingBody(MODEL, 2, true)).body());

    JsonNode first = frames.get(0).at("/choices/0/delta");
    assertThat(first.get("role").asText()).isEqualTo("assistant");
    assertThat(first.get("content").asText()).isEmpty();
    assertThat(first.get("reasoning").asText()).isNotEmpty();
    assertThat(kinds(frames, "reasoning")).isEqualTo("ra");
  }

  @Test
  void maxTokensReachedWhileThinkingLeavesNoAnswer() throws Exception {
    start(ServerProfile.VLLM, LengthSpec.fixed(10));

    List<JsonNode> frames = jsonFrames(postChat(server, streamingBody(MODEL, 3, true)).body());

    assertThat(kinds(frames, "reasoning")).isEqualTo("rrr");
    assertThat(frames.get(frames.size() - 2).at("/choices/0/finish_reason").asText())
        .isEqualTo("length");
    assertThat(frames.get(frames.size() - 1).at("/usage/completion_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void aNonStreamedAnswerCarriesItsReasoningInTheMessage() throws Exception {
    start(ServerProfile.OPENAI, LengthSpec.fixed(2));

    JsonNode body = json(postChat(server, chatBody(MODEL, "hi").put("max_tokens", 5)).body());

    JsonNode message = body.at("/choices/0/message");
    assertThat(message.get("reasoning_content").asText()).isEqualTo(" the quick");
    assertThat(message.get("content").asText()).isEqualTo(" the quick model");
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(body.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void theTruthLogSaysHowManyTokensWereReasoning() throws Exception {
    start(ServerProfile.OPENAI, LengthSpec.fixed(3));
    postChat(server, streamingBody(MODEL, 5, true));

    TruthRecord truth = server.takeRequest();

    assertThat(truth.id()).isEqualTo("chatcmpl-sim-1");
    assertThat(truth.completionTokens()).isEqualTo(5);
    assertThat(truth.reasoningTokens()).isEqualTo(3);
    assertThat(truth.chunkNanos()).hasSize(5);
  }

  @Test
  void aModelWithoutReasoningAddsNoReasoningFields() throws Exception {
    server =
        SimulatorServer.start(SimulatorConfig.defaults().withDelays(Duration.ZERO, Duration.ZERO));

    List<JsonNode> frames = jsonFrames(postChat(server, streamingBody(MODEL, 3, true)).body());

    assertThat(kinds(frames, "reasoning_content")).isEqualTo("aaa");
    assertThat(frames.get(frames.size() - 1).get("usage").has("completion_tokens_details"))
        .isFalse();
  }

  @Test
  void aReasoningLengthDrawnFromARangeStaysInsideIt() throws Exception {
    start(ServerProfile.OPENAI, LengthSpec.uniform(2, 4));
    for (int i = 0; i < 20; i++) {
      List<JsonNode> frames = jsonFrames(postChat(server, streamingBody(MODEL, 8, true)).body());
      int reasoning =
          frames
              .get(frames.size() - 1)
              .at("/usage/completion_tokens_details/reasoning_tokens")
              .asInt();
      assertThat(reasoning).isBetween(2, 4);
      assertThat(kinds(frames, "reasoning_content"))
          .isEqualTo("r".repeat(reasoning) + "a".repeat(8 - reasoning));
    }
  }

  @Test
  void simReasoningTokensTakesTheFormsOfOutputTokensAndZeroForNone() {
    assertThat(parse("64").reasoningTokens()).isEqualTo(LengthSpec.fixed(64));
    assertThat(parse("32:96").reasoningTokens()).isEqualTo(LengthSpec.uniform(32, 96));
    assertThat(parse("64~8").reasoningTokens()).isEqualTo(LengthSpec.normal(64, 8));
    assertThat(parse("0").reasoningTokens()).isNull();
    assertThatThrownBy(() -> parse("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sim.reasoningTokens must be a whole number (1024), a range min:max (512:1024) or a"
                + " normal mean~stddev (1024~128), got \"lots\" (-Dsim.reasoningTokens) (0 = no"
                + " reasoning)");
  }

  private static SimulatorConfig parse(String value) {
    Properties p = new Properties();
    p.setProperty("sim.reasoningTokens", value);
    return SimulatorConfig.fromSystemProperties(p, 0);
  }
}
