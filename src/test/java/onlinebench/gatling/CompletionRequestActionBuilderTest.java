package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import onlinebench.config.Endpoint;
import onlinebench.openai.ChatRequestEncoder;
import onlinebench.prompt.ChatPrompt;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class CompletionRequestActionBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CompletionRequestActionBuilder TELL =
      LlmDsl.completion("tell").prompt("Once upon a time, #{hero}");

  private static SessionTurn turn(CompletionRequestActionBuilder builder) {
    return builder.request().turn(OptionalInt.of(16));
  }

  /** The body the action sends for this session, as the server reads it. */
  private static JsonNode body(CompletionRequestActionBuilder builder, String hero)
      throws Exception {
    ChatPrompt prompt = turn(builder).prompt(Sessions.with("hero", hero));
    ChatRequestEncoder encoder =
        new ChatRequestEncoder(Endpoint.COMPLETIONS, "m", false, false, Optional.empty());
    return JSON.readTree(encoder.encode(prompt));
  }

  @Test
  void theElPromptIsSentAsThePromptTextWithoutMessages() throws Exception {
    JsonNode body = body(TELL, "a \"quoted\" knight");

    assertThat(body.get("prompt").asText()).isEqualTo("Once upon a time, a \"quoted\" knight");
    assertThat(body.has("messages")).isFalse();
    assertThat(body.get("max_tokens").asInt()).isEqualTo(16);
  }

  @Test
  void aPromptFunctionIsAskedForEachRequest() throws Exception {
    CompletionRequestActionBuilder computed =
        LlmDsl.completion("tell").prompt(s -> "Hero: " + s.getString("hero").toUpperCase());

    assertThat(body(computed, "ada").get("prompt").asText()).isEqualTo("Hero: ADA");
  }

  @Test
  void aLaterPromptReplacesAnEarlierOneOfEitherForm() throws Exception {
    CompletionRequestActionBuilder replaced = TELL.prompt(s -> "fixed").prompt("again #{hero}");

    assertThat(body(replaced, "x").get("prompt").asText()).isEqualTo("again x");
    assertThat(body(TELL.prompt(s -> "fixed"), "x").get("prompt").asText()).isEqualTo("fixed");
  }

  @Test
  void everyMethodReturnsANewBuilderAndLeavesTheOldOneAsItWas() throws Exception {
    CompletionRequestActionBuilder saving = TELL.saveAnswerAs("story");

    assertThat(saving).isNotSameAs(TELL);
    assertThat(turn(TELL).keepsAnswer()).isFalse();
    assertThat(turn(saving).keepsAnswer()).isTrue();
    assertThat(TELL.maxTokens(4).request().turn(OptionalInt.of(16)).prompt(hero()).maxTokens())
        .as("the action's max_tokens win over the protocol's")
        .isEqualTo(4);
    assertThat(turn(TELL).prompt(hero()).maxTokens()).isEqualTo(16);
  }

  @Test
  void refusesEachBadValueWithOneLineNamingTheCompletion() {
    assertThatThrownBy(() -> LlmDsl.completion(""))
        .hasMessage("completion(name) needs a request name for Gatling's report, got \"\"");
    assertThatThrownBy(() -> TELL.maxTokens(0))
        .hasMessage("completion(\"tell\").maxTokens must be >= 1, got 0");
    assertThatThrownBy(() -> TELL.extraBody(Map.of("prompt", "other")))
        .hasMessage(
            "completion(\"tell\").extraBody must not set \"prompt\": the action owns model,"
                + " messages, prompt and stream");
    assertThatThrownBy(() -> TELL.prompt("#{unclosed"))
        .hasMessageStartingWith(
            "completion(\"tell\").prompt is not a valid Gatling EL string: \"#{unclosed\"");
    assertThatThrownBy(() -> TELL.prompt((Function<io.gatling.javaapi.core.Session, String>) null))
        .hasMessage(
            "completion(\"tell\").prompt needs a function from the session to the prompt text");
  }

  @Test
  void aCompletionWithoutAPromptIsRefusedWhenBuilt() {
    assertThatThrownBy(() -> LlmDsl.completion("tell").request().turn(OptionalInt.of(4)))
        .hasMessage(
            "completion(\"tell\") has no prompt: give prompt(\"#{text}\") or prompt(session ->"
                + " ...)");
  }

  @Test
  void aPromptTheSessionCannotGiveIsACrashNamingThePrompt() {
    assertThatThrownBy(() -> turn(TELL).prompt(Sessions.empty()))
        .isInstanceOf(ChatTurn.NoPrompt.class)
        .hasMessageStartingWith("prompt: ")
        .hasMessageContaining("hero");
    assertThatThrownBy(() -> turn(LlmDsl.completion("tell").prompt(s -> null)).prompt(hero()))
        .isInstanceOf(ChatTurn.NoPrompt.class)
        .hasMessageStartingWith("prompt(..) threw ")
        .hasMessageContaining("gave null");
  }

  @Test
  void theSavedAnswerAndTheChecksSeeTheCompletionText() throws Exception {
    SessionTurn turn =
        turn(TELL.saveAnswerAs("story").check(LlmChecks.answer().contains("dragon")));
    RequestRecord ok =
        RequestRecord.completed(0, 1_000_000, OptionalLong.of(3), OptionalLong.of(2));
    ChatPrompt sent = turn.prompt(hero());

    assertThat(turn.judge(ok, "a dragon slept").ok()).isTrue();
    assertThat(turn.judge(ok, "nothing happened").errorMessage())
        .contains("answer contains \"dragon\"");
    assertThat(turn.after(hero(), sent, ok, "a dragon slept").attributes().get("story").get())
        .isEqualTo("a dragon slept");
  }

  private static io.gatling.core.session.Session hero() {
    return Sessions.with("hero", "ada");
  }
}
