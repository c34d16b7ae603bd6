package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import onlinebench.report.html.LlmPage;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's side of a run, end to end: real Gatling against the simulator, which serves its own
 * state at {@code /metrics} in vLLM's names. The server's token counters over the measured phase
 * equal ours exactly, its running count tracks our in-flight requests, its TTFT sits beside ours,
 * and the samples cover the whole run.
 *
 * <p>Exact, because nothing else reaches the server between the two bracketing samples: the first
 * is taken after every warmup answer (the users wait for it before measuring), the preflight's chat
 * request came before even the probe; the closed model's connection openers send {@code GET
 * /v1/models}, which no counter counts; the self-warmup goes to the harness's own simulator; the
 * last sample is taken once every request has ended.
 */
class ServerMetricsIT {
  private static final int USERS = 8;
  private static final int REQUESTS = 96;
  private static final int PROMPT_TOKENS = 64;
  private static final int OUTPUT_TOKENS = 48;
  private static final long INTERVAL_MS = 250;
  private static final int WARMUP = 8;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void serverCountsEqualOursAndItsRunningCountTracksOurInFlightRequests() throws Exception {
    GatlingRun.Result r;
    long servedChatRequests;
    // 20 ms to the first token, then 10 ms a token: each request takes about 0.5 s, the run ~6 s
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.defaults().withDelays(Duration.ofMillis(20), Duration.ofMillis(10)))) {
      r =
          GatlingRun.against(server)
              .property("stream", true)
              .property("concurrency", USERS)
              .property("totalRequests", REQUESTS)
              .property("warmupRequests", WARMUP)
              .property("promptTokens", PROMPT_TOKENS)
              .property("outputTokens", OUTPUT_TOKENS)
              .property("ignoreEos", true)
              .property("serverMetricsInterval", INTERVAL_MS + "ms")
              .withoutReports()
              .into(dir)
              .run();
      servedChatRequests = server.requestCount();
    }
    assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.stderr()).isZero();
    JsonNode summary = r.summary();
    assertThat(summary.get("completed").asLong()).isEqualTo(REQUESTS);
    assertThat(servedChatRequests)
        .as("the preflight's, the warmup's and the measured")
        .isEqualTo(1 + WARMUP + REQUESTS);

    JsonNode server = summary.get("server");
    assertThat(server).as("summary.json server").isNotNull();
    long ourInput = summary.get("total_input_tokens").asLong();
    long ourOutput = summary.get("total_output_tokens").asLong();
    assertThat(ourOutput).isEqualTo((long) REQUESTS * OUTPUT_TOKENS);
    assertThat(server.get("prompt_tokens").asLong()).as("server prompt tokens").isEqualTo(ourInput);
    assertThat(server.get("generation_tokens").asLong())
        .as("server generation tokens")
        .isEqualTo(ourOutput);
    assertThat(server.get("prompt_tokens_difference").asLong()).isZero();
    assertThat(server.get("generation_tokens_difference").asLong()).isZero();
    assertThat(server.get("ttft_requests").asLong()).isEqualTo(REQUESTS);

    // a closed loop of 8 keeps 8 requests on the server, but for the moments between one answer's
    // end and the next request's arrival, and the ramp-down at the end
    assertThat(server.get("max_running").asDouble()).isEqualTo(USERS);
    assertThat(server.get("mean_running").asDouble())
        .as("mean running on the server while 8 users loop")
        .isBetween(USERS * 0.7, (double) USERS);
    assertThat(server.get("max_waiting").asDouble()).isZero();

    // its TTFT (from arrival, in vLLM's 20-40 ms bucket) beside ours (from send)
    double serverMedian = server.get("median_ttft_ms").asDouble();
    double ourMedian = summary.get("median_ttft_ms").asDouble();
    System.out.printf(
        "ServerMetricsIT: server TTFT median %.1f ms (bucket-interpolated), ours %.1f ms;"
            + " running mean %.2f; %d samples in the measured phase%n",
        serverMedian,
        ourMedian,
        server.get("mean_running").asDouble(),
        server.get("samples").asInt());
    assertThat(serverMedian).as("server TTFT median (ms)").isBetween(20.0, 40.0);
    assertThat(ourMedian).as("our TTFT median (ms)").isBetween(20.0, 120.0);

    Path file = r.file("server-metrics.jsonl");
    assertThat(file).exists();
    List<JsonNode> lines = RunFiles.jsonLines(file);
    double duration = summary.get("duration").asDouble();
    assertThat(lines.get(0).get("offset_s").asDouble())
        .as("the probe, before any load")
        .isNegative();
    assertThat(lines.get(lines.size() - 1).get("offset_s").asDouble())
        .as("the last sample, after every request")
        .isGreaterThanOrEqualTo(duration);
    for (int i = 1; i < lines.size(); i++) {
      double gap =
          lines.get(i).get("offset_s").asDouble() - lines.get(i - 1).get("offset_s").asDouble();
      assertThat(gap)
          .as("gap between samples %d and %d (interval %d ms)", i - 1, i, INTERVAL_MS)
          .isBetween(0.0, 1.5);
    }
    assertThat(server.get("samples").asInt())
        .as("samples within the %.1f s measured phase", duration)
        .isGreaterThanOrEqualTo((int) (duration * 1000 / INTERVAL_MS / 2));
    JsonNode mid = lines.get(lines.size() / 2);
    assertThat(mid.has("running")).isTrue();
    assertThat(mid.has("generation_tokens")).isTrue();
    assertThat(mid.get("ttft_buckets").has("+Inf")).isTrue();
    assertThat(mid.get("raw").isObject()).isTrue();

    // the page shows both, on one time axis: the server's running count at each scrape beside our
    // in-flight requests per second; both sit at 8 in the middle of the run
    String html = LlmPage.read(r.file("llm.html"));
    assertThat(html).contains("id=\"server\"", "server-requests-chart", "server-tokens-chart");
    JsonNode page = LlmPage.data(html);
    JsonNode series = page.get("server");
    assertThat(series.get("offset_s")).hasSize(lines.size());
    JsonNode inFlight = page.get("timeSeries").get("inFlight");
    int midSecond = inFlight.size() / 2;
    assertThat(inFlight.get(midSecond).asDouble())
        .as("our in-flight mean in second %d", midSecond)
        .isBetween(USERS - 1.0, (double) USERS);
    for (int i = 0; i < lines.size(); i++) {
      double offset = series.get("offset_s").get(i).asDouble();
      if (offset > 1 && offset < duration - 1) {
        assertThat(series.get("running").get(i).asDouble())
            .as("server running at %.2f s, while all 8 users loop", offset)
            .isBetween(USERS - 2.0, (double) USERS);
      }
    }

    assertThat(r.stdout())
        .contains("Server metrics: scraping " + "http://127.0.0.1:")
        .contains("/metrics every 250 ms")
        .contains("Server (its /metrics): running mean ")
        .contains("prompt tokens " + ourInput + " (ours " + ourInput + ", +0)")
        .contains("generation tokens " + ourOutput + " (ours " + ourOutput + ", +0)");
  }

  @Test
  void aGivenUrlThatDoesNotAnswerInTheFormatStopsTheRunBeforeAnyLoad() throws Exception {
    GatlingRun.Result r;
    long served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      String url = server.baseUrl().resolve("/not-metrics").toString();
      r =
          GatlingRun.against(server)
              .property("serverMetrics", url)
              .property("totalRequests", 4)
              .withoutReports()
              .into(dir)
              .run();
      served = server.requestCount();
      assertThat(r.stderr())
          .contains("Server metrics (-DserverMetrics): " + url + " answered HTTP 404\n");
    }
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(served).as("only the preflight's chat request").isEqualTo(1);
  }

  @Test
  void offScrapesNothingAndWritesNoServerObject() throws Exception {
    GatlingRun.Result r;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.defaults())) {
      r =
          GatlingRun.against(server)
              .property("serverMetrics", "off")
              .property("totalRequests", 4)
              .property("concurrency", 2)
              .withoutReports()
              .into(dir)
              .run();
    }
    assertThat(r.exitCode()).as("stderr:%n%s", r.stderr()).isZero();
    assertThat(r.summary().has("server")).isFalse();
    assertThat(r.file("server-metrics.jsonl")).doesNotExist();
    assertThat(r.stdout()).doesNotContain("Server metrics");
  }
}
