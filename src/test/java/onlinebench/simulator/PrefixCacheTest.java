package onlinebench.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The prefix cache's blocks, its hit rule and its memory bound. */
class PrefixCacheTest {

  private static JsonNode messages(String... userTexts) {
    var array = SimulatorClient.MAPPER.createArrayNode();
    for (String text : userTexts) {
      array.addObject().put("role", "user").put("content", text);
    }
    return array;
  }

  private static long[] blocks(JsonNode messages, int blockTokens) {
    return PromptBlocks.ofMessages(messages, PromptCounting.Tokenizer.WORDS, blockTokens);
  }

  @Test
  void aPromptsBlocksStartWithThoseOfEveryPromptItExtends() {
    long[] shorter = blocks(messages("a b c d e f g"), 2);
    long[] longer = blocks(messages("a b c d e f g", "h i j"), 2);

    assertThat(shorter)
        .as("7 tokens: 3 full blocks of 2, the last partial one unhashed")
        .hasSize(3);
    assertThat(longer).hasSize(5);
    assertThat(longer).startsWith(shorter);
    assertThat(blocks(messages("a b c d e f X"), 2))
        .as("a change in the 7th token touches no earlier block")
        .startsWith(shorter);
    assertThat(blocks(messages("X b c d e f g"), 2)[2])
        .as("a change in the 1st token changes every later block")
        .isNotEqualTo(shorter[2]);
  }

  @Test
  void charsTokenizerCutsBlocksOfFourCharacterTokens() {
    long[] blocks =
        PromptBlocks.ofMessages(
            messages("abcdefghijklmnopq"), PromptCounting.Tokenizer.CHARS, 2); // 5 tokens

    assertThat(blocks).hasSize(2);
  }

  @Test
  void hitsTheLongestRunOfLeadingBlocksSeenBefore() {
    PrefixCache cache = new PrefixCache(2, 100);
    long[] first = {1, 2, 3};
    long[] extended = {1, 2, 3, 4, 5};
    long[] diverging = {1, 9, 3};

    assertThat(cache.lookupAndRemember(first, 7)).isZero();
    assertThat(cache.lookupAndRemember(extended, 11)).isEqualTo(6);
    assertThat(cache.lookupAndRemember(diverging, 7))
        .as("block 3 was seen, but after another block 2")
        .isEqualTo(2);
  }

  @Test
  void neverHitsThePromptsLastToken() {
    PrefixCache cache = new PrefixCache(2, 100);
    cache.lookupAndRemember(new long[] {1, 2}, 4);

    assertThat(cache.lookupAndRemember(new long[] {1, 2}, 4))
        .as("4 tokens, all cached: at most 3 may hit, so one block")
        .isEqualTo(2);
    assertThat(cache.lookupAndRemember(new long[] {1, 2}, 5)).isEqualTo(4);
  }

  @Test
  void remembersAtMostItsCapacityAndForgetsTheLeastRecentlyUsedFirst() {
    PrefixCache cache = new PrefixCache(1, 4);
    cache.lookupAndRemember(new long[] {1, 2}, 3);
    cache.lookupAndRemember(new long[] {10, 20}, 3);
    cache.lookupAndRemember(new long[] {1, 2}, 3); // used again: now the most recent
    for (long i = 100; i < 10_000; i += 2) {
      assertThat(cache.size()).isLessThanOrEqualTo(cache.capacity());
      if (i == 100) {
        cache.lookupAndRemember(new long[] {i, i + 1}, 3); // evicts 10 and 20
        assertThat(cache.lookupAndRemember(new long[] {1, 2}, 3)).as("recently used").isEqualTo(2);
        assertThat(cache.lookupAndRemember(new long[] {10, 20}, 3)).as("evicted").isZero();
      } else {
        cache.lookupAndRemember(new long[] {i, i + 1}, 3);
      }
    }
    assertThat(cache.size()).isEqualTo(4);
  }
}
