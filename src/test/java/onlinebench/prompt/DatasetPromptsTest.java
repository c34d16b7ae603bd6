package onlinebench.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Dataset prompts come in a seeded shuffled order, every entry once per pass. */
class DatasetPromptsTest {

  private static Dataset numbered(int n) {
    List<List<ChatPrompt.Message>> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add(List.of(new ChatPrompt.Message("user", "entry " + i)));
    }
    return new Dataset("numbered.jsonl", DatasetFormat.OPENAI_MESSAGES, false, entries, 0);
  }

  private static List<String> firstContents(DatasetPrompts prompts, int count) {
    List<String> contents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      contents.add(prompts.get().messages().get(0).content());
    }
    return contents;
  }

  @Test
  void sameSeedGivesTheSameOrder() {
    List<String> a = firstContents(new DatasetPrompts(numbered(50), 7, () -> 16), 50);
    List<String> b = firstContents(new DatasetPrompts(numbered(50), 7, () -> 16), 50);

    assertThat(a).isEqualTo(b);
  }

  @Test
  void anotherSeedGivesAnotherOrder() {
    List<String> a = firstContents(new DatasetPrompts(numbered(50), 7, () -> 16), 50);
    List<String> b = firstContents(new DatasetPrompts(numbered(50), 8, () -> 16), 50);

    assertThat(a).isNotEqualTo(b).containsExactlyInAnyOrderElementsOf(b);
  }

  @Test
  void theOrderIsShuffledNotTheFileOrder() {
    List<String> order = firstContents(new DatasetPrompts(numbered(50), 42, () -> 16), 50);

    assertThat(order).isNotEqualTo(IntStream.range(0, 50).mapToObj(i -> "entry " + i).toList());
  }

  @Test
  void everyEntryIsSentOncePerPassAndThePassRepeats() {
    DatasetPrompts prompts = new DatasetPrompts(numbered(7), 3, () -> 16);

    List<String> first = firstContents(prompts, 7);
    List<String> second = firstContents(prompts, 7);

    assertThat(new HashSet<>(first)).hasSize(7);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void eachPromptAsksForMaxTokensFromTheSupplier() {
    int[] next = {10};
    DatasetPrompts prompts = new DatasetPrompts(numbered(3), 1, () -> next[0]++);

    assertThat(prompts.get().maxTokens()).isEqualTo(10);
    assertThat(prompts.get().maxTokens()).isEqualTo(11);
  }

  @Test
  void keepsEveryMessageOfAnEntry() {
    List<ChatPrompt.Message> conversation =
        List.of(new ChatPrompt.Message("system", "s"), new ChatPrompt.Message("user", "u"));
    Dataset dataset =
        new Dataset("one.jsonl", DatasetFormat.OPENAI_MESSAGES, false, List.of(conversation), 0);

    assertThat(new DatasetPrompts(dataset, 1, () -> 5).get())
        .isEqualTo(new ChatPrompt(conversation, 5));
  }

  @Test
  void concurrentCallersShareOnePassWithoutRepeats() throws InterruptedException {
    DatasetPrompts prompts = new DatasetPrompts(numbered(4000), 9, () -> 16);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.execute(
          () -> {
            for (int i = 0; i < 1000; i++) {
              seen.add(prompts.get().messages().get(0).content());
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(seen).hasSize(4000);
  }
}
