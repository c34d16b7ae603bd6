package onlinebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.prompt.ChatPrompt;
import org.junit.jupiter.api.Test;

class PromptSourcesTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  private static BenchConfig config(Map<String, String> properties) {
    return BenchConfigParser.parse(properties, Map.of());
  }

  @Test
  void noDatasetMeansGeneratedPrompts() {
    assertThat(PromptSources.dataset(config(Map.of()), out)).isEmpty();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aDatasetIsReadAndAnnouncedAndAsksForOutputTokens() {
    Optional<Supplier<ChatPrompt>> prompts =
        PromptSources.dataset(
            config(
                Map.of("dataset", "src/test/resources/data/sharegpt.jsonl", "outputTokens", "77")),
            out);

    assertThat(prompts).isPresent();
    ChatPrompt first = prompts.get().get();
    assertThat(first.maxTokens()).isEqualTo(77);
    assertThat(first.messages()).hasSize(1);
    assertThat(first.messages().get(0).role()).isEqualTo("user");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "Dataset src/test/resources/data/sharegpt.jsonl: 3 ShareGPT entries (JSONL)"
                + System.lineSeparator());
  }
}
