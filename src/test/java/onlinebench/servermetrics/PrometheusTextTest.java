package onlinebench.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  /** The body of llama-server's answer to GET /metrics (wire/llama.cpp/metrics.txt). */
  static String llamaCppBody() throws IOException {
    try (InputStream in =
        PrometheusTextTest.class.getResourceAsStream("/wire/llama.cpp/metrics.txt")) {
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }
  }

  @Test
  void readsEveryFamilyOfARealLlamaCppAnswerWithItsType() throws IOException {
    PrometheusScrape scrape = PrometheusText.parse(llamaCppBody());

    assertThat(scrape.samples()).hasSize(15);
    assertThat(scrape.types())
        .containsEntry("llamacpp:prompt_tokens_total", "counter")
        .containsEntry("llamacpp:requests_processing", "gauge");
    assertThat(scrape.sum("llamacpp:prompt_tokens_total")).hasValue(29);
    assertThat(scrape.sum("llamacpp:prompt_seconds_total").getAsDouble()).isEqualTo(0.006603);
  }

  @Test
  void readsLabelsWithEscapedQuotesBackslashesAndNewlines() {
    PrometheusScrape scrape =
        PrometheusText.parse(
            "vllm:num_requests_running{model_name=\"a \\\"b\\\" c\\\\d\\ne\",engine=\"0\"} 3\n");

    PrometheusSample sample = scrape.samples().get(0);
    assertThat(sample.labels()).isEqualTo(Map.of("model_name", "a \"b\" c\\d\ne", "engine", "0"));
    assertThat(sample.value()).isEqualTo(3);
    assertThat(sample.series())
        .isEqualTo("vllm:num_requests_running{engine=\"0\",model_name=\"a \\\"b\\\" c\\\\d\\ne\"}");
  }

  @Test
  void acceptsTimestampsSpecialValuesCommentsAndBlankLines() {
    PrometheusScrape scrape =
        PrometheusText.parse(
            "# a comment\n\nup 1 1712345678000\nnan_gauge NaN\nneg -Inf\nempty_labels{} 2.5e-3\n"
                + "# EOF\n");

    assertThat(scrape.sum("up")).hasValue(1);
    assertThat(scrape.sum("nan_gauge").getAsDouble()).isNaN();
    assertThat(scrape.sum("neg")).hasValue(Double.NEGATIVE_INFINITY);
    assertThat(scrape.sum("empty_labels").getAsDouble()).isCloseTo(0.0025, within(1e-12));
  }

  @Test
  void addsAHistogramsBucketsUpOverItsLabelSets() {
    PrometheusScrape scrape =
        PrometheusText.parse(
            """
            # TYPE h histogram
            h_bucket{engine="0",le="0.1"} 1
            h_bucket{engine="0",le="+Inf"} 3
            h_bucket{engine="1",le="0.1"} 2
            h_bucket{engine="1",le="+Inf"} 2
            h_sum{engine="0"} 0.9
            h_count{engine="0"} 3
            """);

    assertThat(scrape.buckets("h"))
        .containsExactly(Map.entry(0.1, 3.0), Map.entry(Double.POSITIVE_INFINITY, 5.0));
    assertThat(scrape.types()).containsEntry("h", "histogram");
  }

  @Test
  void sumsAndMaximaSpanLabelSetsAndAreEmptyForAMissingName() {
    PrometheusScrape scrape = PrometheusText.parse("g{a=\"1\"} 0.25\ng{a=\"2\"} 0.75\n");

    assertThat(scrape.sum("g")).hasValue(1.0);
    assertThat(scrape.max("g")).hasValue(0.75);
    assertThat(scrape.sum("absent")).isEmpty();
  }

  @Test
  void rejectsAnHtmlPageNamingTheLine() {
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE x gauge\n<html><body>Not found</body>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 2 is not Prometheus text format");
  }

  @Test
  void rejectsAValueThatIsNotANumberAndUnclosedLabels() {
    assertThatThrownBy(() -> PrometheusText.parse("x abc"))
        .hasMessageContaining("\"abc\" is not a number");
    assertThatThrownBy(() -> PrometheusText.parse("x{a=\"1\" 2")).hasMessageContaining("line 1");
  }
}
