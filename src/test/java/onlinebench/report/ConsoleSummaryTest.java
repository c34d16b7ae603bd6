package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.ReasoningStats;
import onlinebench.metrics.Summary;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {
  static String golden(String name) throws IOException {
    try (InputStream in = ConsoleSummaryTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Compares with a golden file; {@code ./mvnw test -Dgolden.update=true} rewrites the golden files
   * instead, for a deliberate change of the rendering (review the diff before committing).
   */
  static void assertMatchesGolden(String text, String name) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(Path.of("src/test/resources/golden", name), text, StandardCharsets.UTF_8);
    }
    assertThat(text).isEqualTo(golden(name));
  }

  @Test
  void rendersTheOriginalToolsShapeThenDetails() throws IOException {
    String text = ConsoleSummary.render(ReportFixtures.summary(false), ReportFixtures.facts(false));
    assertMatchesGolden(text, "console-summary.txt");
  }

  @Test
  void rendersStreamingMetricsWhenStreaming() throws IOException {
    String text = ConsoleSummary.render(ReportFixtures.summary(true), ReportFixtures.facts(true));
    assertMatchesGolden(text, "console-summary-stream.txt");
  }

  @Test
  void saysWhenTheRunWasTooShortToJudgeTheHarness() {
    RunFacts tooShort =
        new RunFacts(
            ReportFixtures.config(true),
            false,
            false,
            new onlinebench.metrics.HarnessCheck(31.8, 37.0, 24, 0.3, 0.4, 2, java.util.List.of()),
            ReportFixtures.promptSizing());
    String text = ConsoleSummary.render(ReportFixtures.summary(true), tooShort);
    assertThat(text)
        .contains(
            "CPU 40% of 2 cores (harness): too short to judge (24 event-loop samples, a verdict"
                + " needs 100)")
        .doesNotContain("WARNING: the harness")
        .doesNotContain("not a limit");
  }

  @Test
  void warnsWhenTheHarnessWasTheLimit() {
    RunFacts saturated =
        new RunFacts(
            ReportFixtures.config(true),
            false,
            false,
            new onlinebench.metrics.HarnessCheck(
                25, 80, 100, 0.2, 0.97, 2, java.util.List.of("the process used 97% of 2 cores")),
            ReportFixtures.promptSizing());
    String text = ConsoleSummary.render(ReportFixtures.summary(true), saturated);
    assertThat(text)
        .contains(
            "WARNING: the harness was a limit; these figures are bounded by the client, not the"
                + " server: the process used 97% of 2 cores")
        .doesNotContain("not a limit");
  }

  @Test
  void warnsWhenIgnoreEosOutputIsShortOfMaxTokens() {
    String text =
        ConsoleSummary.render(
            ReportFixtures.summary(false, ReportFixtures.lengths(512.0)),
            ReportFixtures.facts(
                ReportFixtures.config(java.util.Map.of("ignoreEos", "true")),
                ReportFixtures.promptSizing()));
    assertThat(text)
        .contains("Output tokens per request: mean 512.0 of 1024.0 requested (max_tokens)")
        .contains(
            "WARNING: ignoreEos is on but output tokens averaged 512.0, 50.0% below the 1024.0"
                + " requested: the server does not honour ignore_eos / min_tokens");
  }

  @Test
  void saysWhenPromptsWentUncalibrated() {
    String text =
        ConsoleSummary.render(
            ReportFixtures.summary(false),
            ReportFixtures.facts(
                ReportFixtures.config(java.util.Map.of()),
                new onlinebench.prompt.PromptSizing(
                    onlinebench.config.Tokenizer.CL100K_BASE,
                    java.util.OptionalDouble.of(1024),
                    java.util.Optional.empty())));
    assertThat(text)
        .contains(
            "Prompt sizing: cl100k_base, uncalibrated (no warmup answer carried"
                + " usage.prompt_tokens): the server's chat template and tokenizer are not"
                + " accounted for");
  }

  @Test
  void neverShowsTheApiKeyInFull() {
    String text = ConsoleSummary.render(ReportFixtures.summary(false), ReportFixtures.facts(false));
    assertThat(text).doesNotContain("sk-secret-0123456789").contains("apiKey: sk-****89");
  }

  private static final LatencyStats THINKING =
      new LatencyStats(1021, 320.41, 320.25, 1.1, 321.0, 321.5, 322.3, 318.0, 330.0, Double.NaN);

  @Test
  void aRunWhoseModelReasonedGetsOneLineSayingHowMuchAndHowLong() {
    Summary s =
        ReportFixtures.with(
            ReportFixtures.summary(true), new ReasoningStats(65_344, 1021, 0, THINKING));
    assertThat(ConsoleSummary.render(s, ReportFixtures.facts(true)))
        .contains(
            "Tokens (in/out): 1045504/1045504\n"
                + "Reasoning: 65344 tokens in 1021 requests (counted by the server); reasoning time"
                + " (TTFO − TTFT, ms): mean 320.41  median 320.25  p99 322.30\n");
  }

  @Test
  void theReasoningLineSaysWhenTokensWereCountedFromChunks() {
    Summary s =
        ReportFixtures.with(ReportFixtures.summary(false), new ReasoningStats(640, 10, 4, null));
    assertThat(ConsoleSummary.render(s, ReportFixtures.facts(false)))
        .contains(
            "Reasoning: 640 tokens in 10 requests (4 of them counted from stream chunks: the server"
                + " sent no reasoning_tokens)\n");
  }

  @Test
  void aRunWithoutReasoningHasNoReasoningLine() {
    assertThat(ConsoleSummary.render(ReportFixtures.summary(true), ReportFixtures.facts(true)))
        .doesNotContain("Reasoning");
  }
}
