package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import onlinebench.config.BenchConfigParser;
import onlinebench.prompt.ChatPrompt;
import org.junit.jupiter.api.Test;

class ChatRequestActionBuilderTest {
  private static final ChatRequestActionBuilder ASK = LlmDsl.chat("ask").userMessage("#{q}");

  @Test
  void everyMethodReturnsANewBuilderAndLeavesTheOldOneAsItWas() throws Exception {
    ChatRequestActionBuilder bounded = ASK.maxTokens(5);
    ChatRequestActionBuilder withSystem = bounded.systemMessage("Be brief.");

    assertThat(bounded).isNotSameAs(ASK);
    assertThat(withSystem).isNotSameAs(bounded);
    assertThatThrownBy(() -> ASK.turn(OptionalInt.empty()))
        .as("the original has still no max_tokens")
        .hasMessageContaining("maxTokens is not set");
    ChatPrompt plain = bounded.turn(OptionalInt.empty()).prompt(Sessions.with("q", "hi"));
    ChatPrompt withSystemPrompt =
        withSystem.turn(OptionalInt.empty()).prompt(Sessions.with("q", "hi"));
    assertThat(plain.messages()).hasSize(1);
    assertThat(withSystemPrompt.messages()).hasSize(2);
  }

  @Test
  void theActionsMaxTokensWinOverTheProtocols() throws Exception {
    assertThat(ASK.turn(OptionalInt.of(64)).prompt(Sessions.with("q", "hi")).maxTokens())
        .isEqualTo(64);
    assertThat(
            ASK.maxTokens(8).turn(OptionalInt.of(64)).prompt(Sessions.with("q", "hi")).maxTokens())
        .isEqualTo(8);
  }

  @Test
  void refusesEachBadValueWithOneLineNamingTheAction() {
    assertThatThrownBy(() -> LlmDsl.chat(" "))
        .hasMessage("chat(name) needs a request name for Gatling's report, got \" \"");
    assertThatThrownBy(() -> ASK.maxTokens(0))
        .hasMessage("chat(\"ask\").maxTokens must be >= 1, got 0");
    assertThatThrownBy(() -> ASK.saveAnswerAs(""))
        .hasMessage("chat(\"ask\").saveAnswerAs needs a session attribute name, got \"\"");
    assertThatThrownBy(() -> ASK.conversation(null))
        .hasMessage("chat(\"ask\").conversation needs a session attribute name, got \"null\"");
    assertThatThrownBy(() -> ASK.extraBody(Map.of("model", "other")))
        .hasMessage(
            "chat(\"ask\").extraBody must not set \"model\": the action owns model, messages,"
                + " prompt and stream");
  }

  @Test
  void refusesAnInvalidElString() {
    assertThatThrownBy(() -> LlmDsl.chat("ask").userMessage("#{unclosed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "chat(\"ask\").userMessage is not a valid Gatling EL string: \"#{unclosed\"");
  }

  @Test
  void aMessagesFunctionCannotBeMixedWithTheOtherMessageSources() {
    ChatRequestActionBuilder fn = LlmDsl.chat("ask").messages(s -> List.of(ChatMessage.user("x")));

    assertThatThrownBy(() -> fn.userMessage("#{q}"))
        .hasMessage(
            "chat(\"ask\").userMessage cannot be combined with messages(..), which gives the"
                + " whole message list");
    assertThatThrownBy(() -> ASK.messages(s -> List.of()))
        .hasMessage(
            "chat(\"ask\").messages(..) gives the whole message list: it cannot be combined with"
                + " userMessage, systemMessage, conversation or toolResults");
  }

  @Test
  void anActionWithoutMessagesOrMaxTokensIsRefusedWhenBuilt() {
    assertThatThrownBy(() -> LlmDsl.chat("ask").maxTokens(4).turn(OptionalInt.empty()))
        .hasMessage(
            "chat(\"ask\") has no messages: give userMessage(\"#{question}\"),"
                + " toolResults(session -> ...) or messages(session -> ...)");
    assertThatThrownBy(() -> ASK.turn(OptionalInt.empty()))
        .hasMessage(
            "chat(\"ask\").maxTokens is not set: set it on the action (.maxTokens(256)) or the"
                + " protocol (llm().maxTokens(256))");
  }

  @Test
  void theAnswerIsKeptOnlyWhenTheActionUsesIt() {
    assertThat(ASK.turn(OptionalInt.of(4)).keepsAnswer()).isFalse();
    assertThat(ASK.check(LlmChecks.status().is(200)).turn(OptionalInt.of(4)).keepsAnswer())
        .isFalse();
    assertThat(ASK.saveAnswerAs("a").turn(OptionalInt.of(4)).keepsAnswer()).isTrue();
    assertThat(ASK.conversation("h").turn(OptionalInt.of(4)).keepsAnswer()).isTrue();
    assertThat(ASK.check(LlmChecks.answer().contains("x")).turn(OptionalInt.of(4)).keepsAnswer())
        .isTrue();
  }

  @Test
  void theBenchmarksOptionsAreRefusedOnAScenariosChat() {
    assertThatThrownBy(() -> ASK.warmup())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("warmup is an option of the benchmark's requests only");
    assertThatThrownBy(() -> ASK.conversationTurns(new ConversationTurn(null)))
        .hasMessage("conversationTurns is an option of the benchmark's requests only");
  }

  @Test
  void theBenchmarksRequestNeedsAConfigNamingTheServer() {
    assertThatThrownBy(
            () -> LlmDsl.chat("chat").asBenchmark(BenchConfigParser.parse(Map.of(), Map.of())))
        .hasMessage("the config must name the server (apiBase)");
  }
}
