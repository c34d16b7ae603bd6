package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {
  static String golden(String name) throws IOException {
    try (InputStream in = ConsoleSummaryTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void rendersTheOriginalToolsShapeThenDetails() throws IOException {
    String text =
        ConsoleSummary.render(
            ReportFixtures.summary(false),
            new RunFacts(ReportFixtures.config(false), false, false));
    assertThat(text).isEqualTo(golden("console-summary.txt"));
  }

  @Test
  void rendersStreamingMetricsWhenStreaming() throws IOException {
    String text =
        ConsoleSummary.render(
            ReportFixtures.summary(true), new RunFacts(ReportFixtures.config(true), false, false));
    assertThat(text).isEqualTo(golden("console-summary-stream.txt"));
  }

  @Test
  void neverShowsTheApiKeyInFull() {
    String text =
        ConsoleSummary.render(
            ReportFixtures.summary(false),
            new RunFacts(ReportFixtures.config(false), false, false));
    assertThat(text).doesNotContain("sk-secret-0123456789").contains("apiKey: sk-****89");
  }
}
