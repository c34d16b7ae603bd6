package onlinebench.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import onlinebench.config.Tokenizer;
import org.junit.jupiter.api.Test;

class PromptGeneratorTest {
  private static final TokenCounter CL100K = TokenCounter.of(Tokenizer.CL100K_BASE);
  private static final TokenCounter O200K = TokenCounter.of(Tokenizer.O200K_BASE);

  @Test
  void promptHasExactlyTheTargetTokensUnderCl100k() {
    PromptGenerator generator = new PromptGenerator(CL100K, 7, 0);
    for (int tokens : new int[] {1, 2, 3, 4, 5, 17, 128, 1000, 1024, 4096}) {
      for (long n : new long[] {0, 1, 63, 64, 4095, 4096, 262_143, 16_777_215, 99_999_999}) {
        assertThat(CL100K.count(generator.prompt(n, tokens)))
            .as("tokens of prompt %d asked for %d", n, tokens)
            .isEqualTo(tokens);
      }
    }
  }

  @Test
  void promptHasExactlyTheTargetTokensUnderO200k() {
    PromptGenerator generator = new PromptGenerator(O200K, 11, 0);
    for (int tokens = 1; tokens <= 600; tokens += 7) {
      assertThat(O200K.count(generator.prompt(tokens * 31L, tokens))).isEqualTo(tokens);
    }
  }

  @Test
  void everyWordComesFromTheSingleTokenVocabulary() {
    for (String word : new PromptGenerator(CL100K, 1, 0).prompt(5, 300).split(" ")) {
      assertThat(PromptGenerator.VOCABULARY).contains(word);
    }
  }

  @Test
  void promptsAreDistinctFromTheirFirstWords() {
    PromptGenerator generator = new PromptGenerator(CL100K, 3, 0);
    Set<String> prefixes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String[] words = generator.prompt(i, 64).split(" ");
      prefixes.add(String.join(" ", words[0], words[1], words[2], words[3]));
    }
    assertThat(prefixes).hasSize(10_000);
  }

  @Test
  void sharedPrefixIsOnEveryPromptAndCountsWithinItsLength() {
    PromptGenerator generator = new PromptGenerator(CL100K, 5, 100);
    String[] first = generator.prompt(0, 300).split(" ");
    String[] second = generator.prompt(1, 250).split(" ");
    assertThat(CL100K.count(generator.prompt(0, 300))).isEqualTo(300);
    assertThat(CL100K.count(generator.prompt(1, 250))).isEqualTo(250);
    assertThat(Arrays.copyOf(first, 100)).isEqualTo(Arrays.copyOf(second, 100));
    assertThat(Arrays.copyOfRange(first, 100, 104))
        .as("the distinct part starts right after the prefix")
        .isNotEqualTo(Arrays.copyOfRange(second, 100, 104));
    assertThat(CL100K.count(generator.prompt(2, 101))).isEqualTo(101);
    assertThat(generator.minTokens()).isEqualTo(101);
  }

  @Test
  void rejectsAPromptNoLongerThanTheSharedPrefix() {
    PromptGenerator generator = new PromptGenerator(CL100K, 5, 100);
    assertThatThrownBy(() -> generator.prompt(0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a prompt needs at least 101 tokens here, asked for 100");
  }

  @Test
  void sameSeedAndSequenceGiveTheSameText() {
    assertThat(new PromptGenerator(CL100K, 9, 0).prompt(12, 50))
        .isEqualTo(new PromptGenerator(CL100K, 9, 0).prompt(12, 50));
    assertThat(new PromptGenerator(CL100K, 9, 0).prompt(12, 50))
        .isNotEqualTo(new PromptGenerator(CL100K, 10, 0).prompt(12, 50));
  }

  @Test
  void feederGivesAPromptAttributeForever() {
    PromptGenerator generator = new PromptGenerator(CL100K, 1, 0);
    long[] n = {0};
    PromptFeeder feeder = new PromptFeeder(() -> ChatPrompt.user(generator.prompt(n[0]++, 8), 3));
    assertThat(feeder.hasNext()).isTrue();
    assertThat(feeder.next()).containsOnlyKeys(PromptFeeder.PROMPT_ATTRIBUTE);
    assertThat(feeder.next().get("prompt")).isNotEqualTo(feeder.next().get("prompt"));
    assertThat(((ChatPrompt) feeder.next().get("prompt")).maxTokens()).isEqualTo(3);
  }
}
