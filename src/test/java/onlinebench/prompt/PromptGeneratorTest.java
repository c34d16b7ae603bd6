package onlinebench.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptGeneratorTest {
  @Test
  void promptHasExactlyTheTargetNumberOfWords() {
    PromptGenerator generator = new PromptGenerator(1024, 7);
    assertThat(generator.next().split(" ")).hasSize(1024);
    assertThat(new PromptGenerator(1, 7).next().split(" ")).hasSize(1);
  }

  @Test
  void everyWordComesFromTheSingleTokenVocabulary() {
    for (String word : new PromptGenerator(300, 1).next().split(" ")) {
      assertThat(PromptGenerator.VOCABULARY).contains(word);
    }
  }

  @Test
  void promptsAreDistinctFromTheirFirstWords() {
    PromptGenerator generator = new PromptGenerator(64, 3);
    Set<String> prefixes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String[] words = generator.next().split(" ");
      prefixes.add(String.join(" ", words[0], words[1], words[2], words[3]));
    }
    assertThat(prefixes).hasSize(10_000);
  }

  @Test
  void sameSeedAndSequenceGiveTheSameText() {
    assertThat(new PromptGenerator(50, 9).prompt(12))
        .isEqualTo(new PromptGenerator(50, 9).prompt(12));
    assertThat(new PromptGenerator(50, 9).prompt(12))
        .isNotEqualTo(new PromptGenerator(50, 10).prompt(12));
  }

  @Test
  void feederGivesAPromptAttributeForever() {
    PromptGenerator generator = new PromptGenerator(8, 1);
    PromptFeeder feeder = new PromptFeeder(() -> ChatPrompt.user(generator.next(), 3));
    assertThat(feeder.hasNext()).isTrue();
    assertThat(feeder.next()).containsOnlyKeys(PromptFeeder.PROMPT_ATTRIBUTE);
    assertThat(feeder.next().get("prompt")).isNotEqualTo(feeder.next().get("prompt"));
    assertThat(((ChatPrompt) feeder.next().get("prompt")).maxTokens()).isEqualTo(3);
  }
}
