package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import onlinebench.config.ApiKey;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.Endpoint;
import onlinebench.config.TlsTrust;
import onlinebench.prompt.ChatPrompt;
import org.junit.jupiter.api.Test;

class RequestTargetTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static BenchConfig config(Map<String, String> props) {
    return BenchConfigParser.parse(props, Map.of());
  }

  private static JsonNode body(RequestTarget target) throws Exception {
    return JSON.readTree(
        target.encoder().encode(new ChatPrompt(List.of(new ChatPrompt.Message("user", "hi")), 4)));
  }

  @Test
  void theBenchmarksTargetIsItsConfig() throws Exception {
    RequestTarget target =
        RequestTarget.of(
            config(
                Map.of(
                    "apiBase", "https://example.test/v1",
                    "model", "m7",
                    "endpoint", "completions",
                    "stream", "true",
                    "ignoreEos", "true",
                    "tlsTrust", "all",
                    "extraBody", "{\"temperature\":0}")));

    assertThat(target.url()).isEqualTo(URI.create("https://example.test/v1/completions"));
    assertThat(target.endpoint()).isEqualTo(Endpoint.COMPLETIONS);
    assertThat(target.stream()).isTrue();
    assertThat(target.tlsTrust()).isEqualTo(TlsTrust.ALL);
    JsonNode body = body(target);
    assertThat(body.get("model").asText()).isEqualTo("m7");
    assertThat(body.get("prompt").asText()).isEqualTo("hi");
    assertThat(body.get("ignore_eos").asBoolean()).isTrue();
    assertThat(body.get("temperature").asInt()).isZero();
  }

  @Test
  void aConfigWithoutAServerIsRefused() {
    assertThatThrownBy(() -> RequestTarget.of(config(Map.of())))
        .hasMessage("the config must name the server (apiBase)");
  }

  @Test
  void aScenariosTargetIsTheProtocolTrustingTheJvmsStore() throws Exception {
    LlmProtocol llm =
        new LlmProtocol(
            URI.create("http://127.0.0.1:8000/v1"),
            ApiKey.of(""),
            "m",
            true,
            OptionalInt.empty(),
            Duration.ofSeconds(5));

    RequestTarget chat = RequestTarget.of(llm, Endpoint.CHAT);
    RequestTarget completion = RequestTarget.of(llm, Endpoint.COMPLETIONS);

    assertThat(chat.url()).isEqualTo(URI.create("http://127.0.0.1:8000/v1/chat/completions"));
    assertThat(completion.url()).isEqualTo(URI.create("http://127.0.0.1:8000/v1/completions"));
    assertThat(chat.tlsTrust()).isEqualTo(TlsTrust.SYSTEM);
    assertThat(body(chat).has("ignore_eos")).isFalse();
    assertThat(body(chat).get("messages").size()).isEqualTo(1);
  }

  @Test
  void anActionsOwnStreamingAndBodyFieldsWinOverTheTargets() throws Exception {
    RequestTarget base =
        RequestTarget.of(
            config(
                Map.of(
                    "apiBase",
                    "http://127.0.0.1:8000/v1",
                    "model",
                    "m",
                    "extraBody",
                    "{\"temperature\":0,\"top_p\":0.5}")));
    ObjectNode more = JSON.createObjectNode().put("temperature", 1);

    RequestTarget changed = base.with(Optional.of(true), Optional.of(more));

    assertThat(base.stream()).isFalse();
    assertThat(changed.stream()).isTrue();
    assertThat(body(changed).get("temperature").asInt()).isEqualTo(1);
    assertThat(body(changed).get("top_p").asDouble()).isEqualTo(0.5);
    assertThat(body(base).get("temperature").asInt()).as("the target itself is unchanged").isZero();
    assertThat(base.with(Optional.empty(), Optional.empty())).isEqualTo(base);
  }
}
