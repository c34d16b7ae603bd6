package onlinebench.prompt;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates a distinct prompt per call, of about a given number of tokens.
 *
 * <p>Length estimate: a prompt is made only of common lower-case English words, each of which is a
 * single token in the BPE vocabularies of current models (GPT's cl100k/o200k, Llama 3, Qwen) when
 * preceded by a space, and one token in the built-in simulator's count (words and punctuation). So
 * N words ≈ N tokens. A real server adds its chat template on top (a few to a few dozen tokens);
 * exact sizing against a server's own count is left to calibration.
 *
 * <p>Distinctness: the first words spell the request's sequence number in base 64 with one word per
 * digit, so no two prompts share a prefix longer than the number itself and a server's prefix cache
 * cannot flatter the time to first token. The rest are seeded random words, reproducible for a
 * given seed.
 */
public final class PromptGenerator {
  // 64 words, each one BPE token with a leading space in common vocabularies.
  static final List<String> VOCABULARY =
      List.of(
          "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be",
          "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
          "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has",
          "there", "been", "if", "more", "when", "will", "would", "who", "so", "no", "time", "out",
          "up", "about", "into", "than", "them", "some", "could", "only", "other", "new", "what",
          "like", "its", "then");

  private static final int ID_WORDS = 4; // 64^4 = 16.7 million distinct prefixes

  private final int promptTokens;
  private final long seed;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param promptTokens the number of tokens each prompt aims at, at least 1
   * @param seed makes the random words reproducible
   */
  public PromptGenerator(int promptTokens, long seed) {
    if (promptTokens < 1) {
      throw new IllegalArgumentException("promptTokens must be >= 1, got " + promptTokens);
    }
    this.promptTokens = promptTokens;
    this.seed = seed;
  }

  /** The next prompt; safe to call from several threads at once. */
  public String next() {
    return prompt(sequence.getAndIncrement());
  }

  /** The prompt for a given sequence number; the same number always gives the same text. */
  public String prompt(long sequenceNumber) {
    StringBuilder text = new StringBuilder(promptTokens * 5);
    long id = sequenceNumber;
    int idWords = Math.min(ID_WORDS, promptTokens);
    for (int i = 0; i < idWords; i++) {
      append(text, VOCABULARY.get((int) (id % VOCABULARY.size())));
      id /= VOCABULARY.size();
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + sequenceNumber);
    for (int i = idWords; i < promptTokens; i++) {
      append(text, VOCABULARY.get(random.nextInt(VOCABULARY.size())));
    }
    return text.toString();
  }

  private static void append(StringBuilder text, String word) {
    if (!text.isEmpty()) {
      text.append(' ');
    }
    text.append(word);
  }
}
