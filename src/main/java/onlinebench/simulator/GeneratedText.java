package onlinebench.simulator;

import java.util.List;

/**
 * The text the simulator "generates": output token {@code i} is one short English word with a
 * leading space, cycling through a fixed list. Each word is one token by {@link
 * PromptTokenCounter}'s rule, so the output re-counted as a prompt gives back the token count.
 */
final class GeneratedText {

  private static final String SENTENCE =
      " the quick model streams one token at a time while the bench counts every word it sees";

  /** The words of {@link #SENTENCE}, each with its leading space. */
  static final List<String> WORDS = List.of(SENTENCE.split("(?= )"));

  private GeneratedText() {}

  static String word(int tokenIndex) {
    return WORDS.get(tokenIndex % WORDS.size());
  }

  static String text(int tokens) {
    StringBuilder sb = new StringBuilder(tokens * 6);
    for (int i = 0; i < tokens; i++) {
      sb.append(word(i));
    }
    return sb.toString();
  }
}
