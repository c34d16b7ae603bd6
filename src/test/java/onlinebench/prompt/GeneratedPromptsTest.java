package onlinebench.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import onlinebench.config.Injector;
import onlinebench.config.LengthSpec;
import onlinebench.config.Tokenizer;
import org.junit.jupiter.api.Test;

class GeneratedPromptsTest {
  private static final TokenCounter CL100K = TokenCounter.of(Tokenizer.CL100K_BASE);

  private static GeneratedPrompts prompts(
      LengthSpec promptTokens, LengthSpec outputTokens, long seed, int prefix) {
    return prompts(promptTokens, outputTokens, seed, prefix, new PromptCalibration(CL100K));
  }

  private static GeneratedPrompts prompts(
      LengthSpec promptTokens,
      LengthSpec outputTokens,
      long seed,
      int prefix,
      PromptCalibration calibration) {
    return new GeneratedPrompts(
        new PromptGenerator(CL100K, seed, prefix), promptTokens, outputTokens, seed, calibration);
  }

  /** A server with another tokenizer (a quarter of the characters) and a 20-token template. */
  private static long serverCount(ChatPrompt prompt) {
    return (prompt.messages().get(0).content().length() + 3) / 4 + 20;
  }

  private static int tokens(ChatPrompt p) {
    return CL100K.count(p);
  }

  @Test
  void uncalibratedPromptsHaveTheirDrawnLengthExactly() {
    GeneratedPrompts prompts = prompts(LengthSpec.uniform(512, 1024), LengthSpec.fixed(7), 3, 0);
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ChatPrompt p = prompts.measured();
      assertThat(p.maxTokens()).isEqualTo(7);
      lengths.add(tokens(p));
    }
    assertThat(lengths).allSatisfy(n -> assertThat(n).isBetween(512, 1024));
    assertThat(lengths.stream().distinct().count()).isGreaterThan(100);
    assertThat(prompts.targetMeanTokens().getAsDouble())
        .isCloseTo(
            lengths.stream().mapToInt(Integer::intValue).average().orElseThrow(), within(1e-9));
  }

  @Test
  void sameSeedGivesTheSameLengthsAndTexts() {
    GeneratedPrompts a = prompts(LengthSpec.normal(256, 64), LengthSpec.uniform(10, 90), 9, 0);
    GeneratedPrompts b = prompts(LengthSpec.normal(256, 64), LengthSpec.uniform(10, 90), 9, 0);
    GeneratedPrompts other = prompts(LengthSpec.normal(256, 64), LengthSpec.uniform(10, 90), 8, 0);
    List<ChatPrompt> fromA = IntStream.range(0, 50).mapToObj(i -> a.measured()).toList();
    List<ChatPrompt> fromB = IntStream.range(0, 50).mapToObj(i -> b.measured()).toList();
    List<ChatPrompt> fromOther = IntStream.range(0, 50).mapToObj(i -> other.measured()).toList();
    assertThat(fromA).isEqualTo(fromB);
    assertThat(fromA.stream().map(ChatPrompt::maxTokens).toList())
        .isNotEqualTo(fromOther.stream().map(ChatPrompt::maxTokens).toList());
  }

  @Test
  void everySecondWarmupPromptIsHalfAsLong() {
    GeneratedPrompts prompts = prompts(LengthSpec.fixed(400), LengthSpec.fixed(1), 1, 0);
    assertThat(IntStream.range(0, 4).mapToObj(i -> tokens(prompts.warmup())).toList())
        .containsExactly(400, 200, 400, 200);
  }

  @Test
  void sharedPrefixKeepsThePromptAtItsLength() {
    GeneratedPrompts prompts = prompts(LengthSpec.uniform(200, 300), LengthSpec.fixed(1), 1, 150);
    for (int i = 0; i < 50; i++) {
      assertThat(tokens(prompts.measured())).isBetween(200, 300);
    }
  }

  @Test
  void calibratedPromptsHitTheTargetInTheServersCount() {
    for (LengthSpec spec :
        List.of(
            LengthSpec.fixed(1024), LengthSpec.uniform(512, 1024), LengthSpec.normal(300, 50))) {
      PromptCalibration calibration = new PromptCalibration(CL100K);
      GeneratedPrompts prompts = prompts(spec, LengthSpec.fixed(1), 42, 0, calibration);
      for (int i = 0; i < 32; i++) {
        ChatPrompt warmup = prompts.warmup();
        calibration.observe(warmup, serverCount(warmup));
      }
      double served =
          IntStream.range(0, 1000)
              .mapToLong(i -> serverCount(prompts.measured()))
              .average()
              .orElseThrow();
      double target = prompts.targetMeanTokens().getAsDouble();
      assertThat(Math.abs(served - target) / target)
          .as("%s: server's mean %.1f vs target %.1f", spec, served, target)
          .isLessThan(0.01);
    }
  }

  @Test
  void generatorsSharingALoadNeverSendTheSamePrompt() {
    Set<String> texts = new HashSet<>();
    for (int index = 0; index < 2; index++) {
      GeneratedPrompts prompts =
          new GeneratedPrompts(
              new PromptGenerator(CL100K, 42, 0),
              LengthSpec.fixed(16),
              LengthSpec.fixed(4),
              42,
              new PromptCalibration(CL100K),
              new Injector(index, 2));
      for (int i = 0; i < 50; i++) {
        texts.add(prompts.warmup().messages().get(0).content());
        texts.add(prompts.measured().messages().get(0).content());
      }
    }
    assertThat(texts).as("distinct prompts over both generators").hasSize(200);
  }
}
