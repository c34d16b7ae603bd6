package onlinebench.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatPromptTest {
  private static final List<ToolCall> CALL =
      List.of(new ToolCall("call_1", "search", "{\"q\":\"nile\"}"));

  @Test
  void anAnswerOfTextIsKeptAsText() {
    assertThat(ChatPrompt.Message.answer("The Nile.", List.of()))
        .isEqualTo(new ChatPrompt.Message("assistant", "The Nile."));
  }

  @Test
  void anAnswerWithoutTextOrCallsIsKeptAsEmptyText() {
    assertThat(ChatPrompt.Message.answer(null, List.of()))
        .isEqualTo(new ChatPrompt.Message("assistant", ""));
  }

  @Test
  void aCallWithoutTextIsKeptWithNullContentAsOpenAiAnswersIt() {
    assertThat(ChatPrompt.Message.answer("", CALL))
        .isEqualTo(new ChatPrompt.Message("assistant", null, CALL, null));
    assertThat(ChatPrompt.Message.answer(null, CALL))
        .isEqualTo(new ChatPrompt.Message("assistant", null, CALL, null));
  }

  @Test
  void aCallWithTextKeepsBoth() {
    assertThat(ChatPrompt.Message.answer("Searching.", CALL))
        .isEqualTo(new ChatPrompt.Message("assistant", "Searching.", CALL, null));
  }
}
