package onlinebench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * How the simulator counts {@code usage.prompt_tokens}: a stand-in for a real server whose
 * tokenizer and chat template differ from the benchmark's, so tests can prove that prompt
 * calibration finds its way to the target on any server.
 *
 * @param tokenizer {@code sim.tokenizer}: {@link Tokenizer#WORDS} ({@link PromptTokenCounter}'s
 *     rule, the default) or {@link Tokenizer#CHARS} (a quarter of the characters, rounded up)
 * @param chatTemplateTokens {@code sim.chatTemplateTokens}: added to every prompt's count, as a
 *     server's chat template adds its role markers
 */
public record PromptCounting(Tokenizer tokenizer, int chatTemplateTokens) {

  /** The simulator's stand-in tokenizers. */
  public enum Tokenizer {
    /** A run of letters, a run of digits, or any other single non-space character. */
    WORDS,
    /** {@code ceil(characters / 4)} over all message text, about what BPE gives for English. */
    CHARS;

    /** The {@code sim.tokenizer} spelling. */
    public String propertyValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final PromptCounting DEFAULT = new PromptCounting(Tokenizer.WORDS, 0);

  public PromptCounting {
    if (tokenizer == null) {
      throw new IllegalArgumentException("tokenizer must not be null");
    }
    if (chatTemplateTokens < 0) {
      throw new IllegalArgumentException(
          "chatTemplateTokens must be >= 0, got " + chatTemplateTokens);
    }
  }

  /** Words, no template: the count is exactly predictable from the prompt text. */
  public static PromptCounting words() {
    return DEFAULT;
  }

  /** The prompt tokens of a legacy completion's {@code prompt} string. */
  int countPrompt(String prompt) {
    int text =
        switch (tokenizer) {
          case WORDS -> PromptTokenCounter.count(prompt);
          case CHARS -> (prompt.length() + 3) / 4;
        };
    return text + chatTemplateTokens;
  }

  /** The prompt tokens of a validated {@code messages} array. */
  int countMessages(JsonNode messages) {
    int text =
        switch (tokenizer) {
          case WORDS -> PromptTokenCounter.countMessages(messages);
          case CHARS -> (int) ((PromptTokenCounter.characters(messages) + 3) / 4);
        };
    return text + chatTemplateTokens;
  }
}
