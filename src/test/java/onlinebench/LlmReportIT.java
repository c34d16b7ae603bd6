package onlinebench;

import static onlinebench.RunFiles.assertKeyNowhere;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import onlinebench.report.html.LlmPage;
import onlinebench.simulator.FaultPlan;
import onlinebench.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * llm.html from a real Gatling run against the simulator, streaming, with a few faults: the page is
 * in the run folder beside summary.json, its console line names it, its embedded data carries
 * summary.json's figures and time series that add up to them, its chart script is a local file, and
 * the key appears nowhere in full.
 */
class LlmReportIT {
  private static final String KEY = "sk-llm-report-it-0123456789";
  private static final int TOTAL = 240;
  private static final int CONCURRENCY = 8;
  private static final Pattern REPORT_LINE =
      Pattern.compile("^LLM report: (.+)$", Pattern.MULTILINE);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void runFolderHoldsAPageWhoseDataIsTheRunsSummary() throws Exception {
    // 32 tokens 5 ms apart: about 0.2 s a request, so 240 requests over 8 users take seconds
    SimulatorConfig sim =
        SimulatorConfig.defaults()
            .withDelays(Duration.ofMillis(20), Duration.ofMillis(5))
            .withApiKey(KEY)
            .withFaults(FaultPlan.parse("500:0.05,429:0.05,reset:0.03,cut:0.03"));
    FaultRun o =
        FaultRun.start(
            dir,
            sim,
            run ->
                run.property("apiKey", KEY)
                    .property("stream", true)
                    .property("concurrency", CONCURRENCY)
                    .property("totalRequests", TOTAL)
                    .property("promptTokens", 32)
                    .property("outputTokens", 32));
    o.assertCountsMatchTruth(TOTAL, CONCURRENCY);

    Path folder = o.run().runFolder();
    Path page = folder.resolve("llm.html");
    assertThat(page).isRegularFile();
    Matcher line = REPORT_LINE.matcher(o.run().stdout());
    assertThat(line.find()).as("'LLM report:' line in stdout:%n%s", o.run().stdout()).isTrue();
    assertThat(Paths.get(line.group(1).trim())).isEqualTo(page.toAbsolutePath());

    String html = LlmPage.read(page);
    JsonNode data = LlmPage.data(html);
    JsonNode summary = o.summary();
    assertThat(data.get("summary")).as("the page's summary vs summary.json").isEqualTo(summary);

    JsonNode series = data.get("timeSeries");
    assertThat(series.get("seconds").asInt()).as("seconds of the measured phase").isBetween(2, 60);
    assertThat(sum(series.get("completed"))).isEqualTo(summary.get("completed").asLong());
    assertThat(sum(series.get("outputTokens")))
        .isEqualTo(summary.get("total_output_tokens").asLong());
    assertThat(sum(series.get("totalTokens")))
        .isEqualTo(
            summary.get("total_input_tokens").asLong()
                + summary.get("total_output_tokens").asLong());
    for (String kind : RunFiles.ERROR_KINDS) {
      long count = summary.get("errors").get(kind).asLong();
      JsonNode perSecond = series.get("failed").get(kind);
      assertThat(perSecond == null ? 0 : sum(perSecond)).as("failed %s", kind).isEqualTo(count);
    }
    assertThat(summary.get("failed").asLong()).as("faults injected").isPositive();
    assertThat(html).contains("id=\"errors\"", "id=\"latency\"");
    double busiest = 0;
    for (JsonNode mean : series.get("inFlight")) {
      assertThat(mean.asDouble()).as("mean in flight").isBetween(0.0, CONCURRENCY + 0.001);
      busiest = Math.max(busiest, mean.asDouble());
    }
    assertThat(busiest).as("busiest second's mean in flight").isGreaterThan(CONCURRENCY / 2.0);
    for (String metric : new String[] {"ttft", "tpot", "itl", "e2el"}) {
      assertThat(data.get("latency").has(metric)).as("latency of %s", metric).isTrue();
    }

    Path script = folder.resolve(LlmPage.scriptSrc(html));
    assertThat(script).as("chart script beside the page").isRegularFile();
    assertThat(Files.size(script)).isGreaterThan(100_000);
    assertKeyNowhere(KEY, o.run(), dir);
  }

  private static long sum(JsonNode array) {
    long total = 0;
    for (JsonNode n : array) {
      total += n.asLong();
    }
    return total;
  }
}
