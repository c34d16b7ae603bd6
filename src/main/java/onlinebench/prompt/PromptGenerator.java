package onlinebench.prompt;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds distinct prompts of an exact number of tokens under a real tokenizer, in time linear in
 * the length and without tokenizing them.
 *
 * <p>Exactness: a prompt is made only of common lower-case English words separated by single
 * spaces. Each word is one token of the chosen vocabulary both with its leading space and without
 * (checked for all 64 when the generator is made), and the BPE pre-tokenizer of cl100k_base and
 * o200k_base splits such text into one piece per word (the word with its leading space) before
 * merging, so pieces never merge across words: N words are exactly N tokens. The tests check this
 * against jtokkit's own count. The same words are single tokens in Llama 3 and Qwen, and one token
 * each in the built-in simulator's default count.
 *
 * <p>Distinctness: after the optional shared prefix, the first words spell the request's sequence
 * number in base 64 with one word per digit, so no two prompts share more than the prefix and the
 * number itself and a server's prefix cache cannot flatter the time to first token. The rest are
 * seeded random words, reproducible for a given seed.
 *
 * <p>Shared prefix: the first {@code sharedPrefixTokens} words are the same in every prompt (seeded
 * too), for prefix-cache tests; they count within the prompt's length.
 */
public final class PromptGenerator {
  // 64 words, each one BPE token with and without a leading space in common vocabularies.
  static final List<String> VOCABULARY =
      List.of(
          "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be",
          "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
          "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has",
          "there", "been", "if", "more", "when", "will", "would", "who", "so", "no", "time", "out",
          "up", "about", "into", "than", "them", "some", "could", "only", "other", "new", "what",
          "like", "its", "then");

  private static final int ID_WORDS = 4; // 64^4 = 16.7 million distinct prefixes
  private static final long PREFIX_STREAM = 0x5DEECE66DL;

  private final long seed;
  private final int sharedPrefixTokens;
  private final String sharedPrefix;

  /**
   * @param counter the vocabulary prompts are exact in; every word is checked to be one token
   * @param seed makes the random words (and the shared prefix) reproducible
   * @param sharedPrefixTokens tokens of the prefix every prompt starts with; 0 for none
   * @throws IllegalStateException if a word is not a single token of the vocabulary
   */
  public PromptGenerator(TokenCounter counter, long seed, int sharedPrefixTokens) {
    if (sharedPrefixTokens < 0) {
      throw new IllegalArgumentException(
          "sharedPrefixTokens must be >= 0, got " + sharedPrefixTokens);
    }
    for (String word : VOCABULARY) {
      if (counter.count(word) != 1 || counter.count(" " + word) != 1) {
        throw new IllegalStateException(
            "\"" + word + "\" is not a single " + counter.tokenizer() + " token");
      }
    }
    this.seed = seed;
    this.sharedPrefixTokens = sharedPrefixTokens;
    StringBuilder prefix = new StringBuilder(sharedPrefixTokens * 5);
    SplittableRandom random = new SplittableRandom(seed ^ PREFIX_STREAM);
    for (int i = 0; i < sharedPrefixTokens; i++) {
      append(prefix, VOCABULARY.get(random.nextInt(VOCABULARY.size())));
    }
    this.sharedPrefix = prefix.toString();
  }

  /** The shortest prompt this generator can make: the shared prefix and one word. */
  public int minTokens() {
    return sharedPrefixTokens + 1;
  }

  /**
   * The prompt for a sequence number, exactly {@code tokens} long; the same arguments always give
   * the same text.
   *
   * @param tokens at least {@link #minTokens()}
   */
  public String prompt(long sequenceNumber, int tokens) {
    if (tokens < minTokens()) {
      throw new IllegalArgumentException(
          "a prompt needs at least " + minTokens() + " tokens here, asked for " + tokens);
    }
    StringBuilder text = new StringBuilder(tokens * 5).append(sharedPrefix);
    int distinct = tokens - sharedPrefixTokens;
    long id = sequenceNumber;
    int idWords = Math.min(ID_WORDS, distinct);
    for (int i = 0; i < idWords; i++) {
      append(text, VOCABULARY.get((int) (id % VOCABULARY.size())));
      id /= VOCABULARY.size();
    }
    SplittableRandom random = RequestDraws.random(seed, sequenceNumber, 0);
    for (int i = idWords; i < distinct; i++) {
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
