package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmProtocolBuilderTest {
  private static final LlmProtocolBuilder BASE =
      LlmDsl.llm().baseUrl("http://127.0.0.1:8000/v1/").model("m");

  @Test
  void everySetterReturnsANewBuilderAndLeavesTheOldOneAsItWas() {
    LlmProtocolBuilder streamed = BASE.stream(true);
    LlmProtocolBuilder bounded = BASE.maxTokens(64);

    assertThat(streamed).isNotSameAs(BASE).isNotEqualTo(BASE);
    assertThat(BASE.build().stream()).isFalse();
    assertThat(streamed.build().stream()).isTrue();
    assertThat(BASE.build().maxTokens()).isEmpty();
    assertThat(bounded.build().maxTokens()).hasValue(64);
    assertThat(BASE.maxTokens(64)).isEqualTo(bounded);
  }

  @Test
  void defaultsAreTheBenchmarksAndTheBaseUrlLosesItsTrailingSlash() {
    LlmProtocol protocol = BASE.build();

    assertThat(protocol.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8000/v1"));
    assertThat(protocol.chatCompletionsUrl())
        .isEqualTo(URI.create("http://127.0.0.1:8000/v1/chat/completions"));
    assertThat(protocol.requestTimeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(protocol.apiKey().reveal()).isEmpty();
  }

  @Test
  void theKeyIsNeverShownInFull() {
    LlmProtocolBuilder keyed = BASE.apiKey("sk-secret-0123456789");

    assertThat(keyed.toString()).doesNotContain("sk-secret-0123456789").contains("sk-****89");
    assertThat(keyed.build().toString()).doesNotContain("sk-secret-0123456789");
    assertThat(keyed.build().apiKey().reveal()).isEqualTo("sk-secret-0123456789");
  }

  @Test
  void refusesABaseUrlThatIsNotAnAbsoluteHttpUrl() {
    for (String bad : new String[] {"127.0.0.1:8000/v1", "ftp://host/v1", "http://", "not a url"}) {
      assertThatThrownBy(() -> LlmDsl.llm().baseUrl(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "llm().baseUrl must be an absolute http:// or https:// URL such as"
                  + " http://127.0.0.1:8000/v1, got \""
                  + bad
                  + "\"");
    }
  }

  @Test
  void refusesEachBadValueWithOneLine() {
    assertThatThrownBy(() -> BASE.model(" "))
        .hasMessage("llm().model must name a model, got \" \"");
    assertThatThrownBy(() -> BASE.maxTokens(0)).hasMessage("maxTokens must be >= 1, got 0");
    assertThatThrownBy(() -> BASE.requestTimeout(Duration.ZERO))
        .hasMessage("llm().requestTimeout must be a positive duration, got PT0S");
  }

  @Test
  void aProtocolNeedsABaseUrlAndAModel() {
    assertThatThrownBy(() -> LlmDsl.llm().model("m").protocol())
        .hasMessage("the llm protocol has no base URL: llm().baseUrl(\"http://host:8000/v1\")");
    assertThatThrownBy(() -> LlmDsl.llm().baseUrl("http://h/v1").protocol())
        .hasMessage("the llm protocol names no model: llm().model(\"...\")");
  }
}
