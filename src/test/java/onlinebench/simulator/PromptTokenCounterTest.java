package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptTokenCounterTest {

  @Test
  void countsRunsOfLettersRunsOfDigitsAndEachOtherCharacter() {
    assertThat(PromptTokenCounter.count("Hello, world 42!")).isEqualTo(5);
    assertThat(PromptTokenCounter.count("abc123def")).isEqualTo(3);
    assertThat(PromptTokenCounter.count("\"quoted\"\n\ttabs  ")).isEqualTo(4);
    assertThat(PromptTokenCounter.count("Grüße, 東京")).isEqualTo(3);
    assertThat(PromptTokenCounter.count("")).isZero();
  }

  @Test
  void countsStringContentAndTextPartsOfEveryMessage() {
    var messages =
        json(
            """
            [
              {"role": "system", "content": "Be brief."},
              {"role": "user", "content": [
                {"type": "text", "text": "What is 2+2?"},
                {"type": "image_url", "image_url": {"url": "http://example.com/cat.png"}}
              ]},
              {"role": "assistant", "content": null}
            ]
            """);

    // "Be" "brief" "." + "What" "is" "2" "+" "2" "?"
    assertThat(PromptTokenCounter.countMessages(messages)).isEqualTo(9);
  }

  @Test
  void charsTokenizerCountsAQuarterOfTheCharactersRoundedUp() {
    var messages =
        json(
            """
            [{"role": "system", "content": "Be brief."},
             {"role": "user", "content": [{"type": "text", "text": "What is 2+2?"}]}]
            """);
    // 9 + 12 characters = 21 -> 6 tokens
    assertThat(new PromptCounting(PromptCounting.Tokenizer.CHARS, 0).countMessages(messages))
        .isEqualTo(6);
  }

  @Test
  void chatTemplateTokensAreAddedToEveryPrompt() {
    var messages = json("[{\"role\": \"user\", \"content\": \"one two three\"}]");
    assertThat(new PromptCounting(PromptCounting.Tokenizer.WORDS, 20).countMessages(messages))
        .isEqualTo(23);
    assertThat(new PromptCounting(PromptCounting.Tokenizer.CHARS, 20).countMessages(messages))
        .isEqualTo(24);
    assertThat(PromptCounting.words().countMessages(messages)).isEqualTo(3);
  }

  @Test
  void generatedTextCountsOneTokenPerOutputToken() {
    assertThat(PromptTokenCounter.count(GeneratedText.text(100))).isEqualTo(100);
  }
}
