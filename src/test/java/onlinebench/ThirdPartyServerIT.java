package onlinebench;

import static onlinebench.RunFiles.assertKeyNowhere;
import static onlinebench.RunFiles.assertOneFirstFailureLinePerKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real benchmark against an OpenAI-compatible server nobody on this project wrote: {@code
 * @dwmkerr/mock-llm} 0.1.29 from npm (Express 5), pinned in {@code src/test/thirdparty/mock-llm/}
 * and installed with {@code npm ci}.
 *
 * <p>What it sends, seen with curl against this version and read in its source
 * (dwmkerr/mock-llm {@code src/server.ts}, {@code src/streaming.ts}): a non-streamed answer is the
 * configured JSON, here without {@code usage}; a streamed answer is {@code text/event-stream} with
 * the answer's text cut into {@code chunkSize}-character chunks, one every {@code chunkIntervalMs}
 * (the first carries {@code role} and text together, the last {@code finish_reason}), then {@code
 * data: [DONE]}; never a usage chunk, whatever {@code stream_options} asks. An error answer to a
 * stream request is a 200 {@code text/event-stream} holding one {@code data: {"error":...}} event
 * and no {@code [DONE]}. A body without {@code Content-Type: application/json} is not parsed at all
 * (Express's {@code express.json()}); the config's catch-all rule answers that with a 400 saying
 * so.
 *
 * <p>What docs/servers.md promises for what it does not do: an answer without usage is a success counted
 * in {@code missing_usage}, its tokens never invented (counted from chunks when streamed, and said
 * so; not counted when not streamed); an error inside a 200 stream is a {@code bad_response}, never
 * a success; totals add up and the key is printed nowhere.
 */
class ThirdPartyServerIT {
  private static final Path SOURCE = Path.of("src", "test", "thirdparty", "mock-llm");
  private static final Path INSTALLED = Path.of("target", "thirdparty", "mock-llm");
  private static final String KEY = "sk-thirdparty-it-0123456789abcdef";
  private static final int TOTAL = 24;
  private static final int CONCURRENCY = 4;

  /** mock-llm.yaml: 120 characters in 10-character chunks, one chunk every 20 ms. */
  private static final int CHUNKS = 12;

  private static final double CHUNK_INTERVAL_MS = 20;

  private static MockLlmServer server;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @BeforeAll
  static void installAndStartMockLlm() throws Exception {
    Path installed = NpmPackage.install(SOURCE, INSTALLED, 600);
    server =
        MockLlmServer.start(
            installed.toAbsolutePath(),
            SOURCE.resolve("mock-llm.yaml").toAbsolutePath(),
            installed.resolve(MockLlmServer.LOG).toAbsolutePath());
  }

  @AfterAll
  static void stopMockLlm() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  private GatlingRun.Result run(String model, boolean stream, boolean preflight) throws Exception {
    GatlingRun.Result run =
        GatlingRun.against(server.baseUrl())
            .withoutSelfWarmup()
            .property("apiKey", KEY)
            .property("model", model)
            .property("stream", stream)
            .property("totalRequests", TOTAL)
            .property("concurrency", CONCURRENCY)
            .property("warmupRequests", CONCURRENCY)
            .property("promptTokens", 32)
            .property("outputTokens", 16)
            .property("requestTimeout", "10s")
            .property("requestLog", true)
            .property("preflight", preflight)
            .into(dir.resolve("results"))
            .run();
    assertThat(run.exitCode())
        .as(
            "exit code (files kept in %s); stdout:%n%s%nstderr:%n%s",
            dir, run.stdout(), run.stderr())
        .isZero();
    assertKeyNowhere(KEY, run, dir);
    return run;
  }

  private static List<JsonNode> requests(GatlingRun.Result run) throws Exception {
    List<JsonNode> lines = run.requests();
    assertThat(lines).as("lines of requests.jsonl").hasSize(TOTAL);
    return lines;
  }

  /** Every request accounted for once, every failure in exactly one kind. */
  private static void assertTotalsAddUp(JsonNode summary) {
    assertThat(summary.get("partial").asBoolean()).as("partial").isFalse();
    assertThat(summary.get("completed").asLong() + summary.get("failed").asLong())
        .as("completed + failed")
        .isEqualTo(TOTAL);
    assertThat(summary.get("failed").asLong())
        .as("failed = sum of errors")
        .isEqualTo(
            RunFiles.ERROR_KINDS.stream()
                .mapToLong(k -> summary.get("errors").get(k).asLong())
                .sum());
  }

  /** The chat requests mock-llm has logged so far: it prints a line for each one it reads. */
  private static long chatRequestsServed() throws Exception {
    try (var lines = Files.lines(INSTALLED.resolve(MockLlmServer.LOG))) {
      return lines.filter(l -> l.equals("POST /v1/chat/completions")).count();
    }
  }

  @Test
  void plainAnswersWithoutUsageAreSuccessesWhoseTokensAreNotInvented() throws Exception {
    long servedBefore = chatRequestsServed();
    GatlingRun.Result run = run("fixed-text", false, true);
    JsonNode summary = run.summary();

    // A silent re-send by the client would be one more line in the server's log.
    assertThat(chatRequestsServed() - servedBefore)
        .as(
            "chat requests mock-llm read: the preflight's, %d warm-up and %d measured",
            CONCURRENCY, TOTAL)
        .isEqualTo(1 + CONCURRENCY + TOTAL);
    // Its plain answers say Keep-Alive: timeout=5 (Node's default), far longer than any gap here.
    assertThat(summary.get("connection_retries").asLong()).as("connection_retries").isZero();
    // -DserverMetrics=auto (the default) found no /metrics on a server without one: one line, and
    // the run goes on without the server's side (mock-llm's Express answers 404)
    assertThat(run.stdout())
        .contains(
            "Server metrics: off, "
                + server.baseUrl().resolve("/metrics")
                + " answered HTTP 404 (-DserverMetrics=URL names another, -DserverMetrics=off"
                + " skips the probe)");
    assertThat(summary.has("server")).as("summary.json server").isFalse();

    assertTotalsAddUp(summary);
    assertThat(summary.get("completed").asLong()).as("completed").isEqualTo(TOTAL);
    assertThat(summary.get("missing_usage").asLong()).as("missing_usage").isEqualTo(TOTAL);
    assertThat(summary.get("total_output_tokens").asLong()).as("output tokens").isZero();
    assertThat(summary.get("total_input_tokens").asLong()).as("input tokens").isZero();
    assertThat(summary.get("estimated_output_token_requests").asLong()).isZero();
    assertThat(requests(run))
        .allSatisfy(
            r -> {
              assertThat(r.get("status").asInt()).as("status").isEqualTo(200);
              assertThat(r.get("output_tokens").isNull()).as("output_tokens is null").isTrue();
              assertThat(r.get("prompt_tokens").isNull()).as("prompt_tokens is null").isTrue();
            });
    assertThat(run.stdout())
        .contains("Preflight ok")
        .contains(
            "Missing usage: "
                + TOTAL
                + " of "
                + TOTAL
                + " ok responses (their tokens are not"
                + " counted)")
        .contains("uncalibrated");
    assertOneFirstFailureLinePerKind(run.stdout(), summary);
  }

  @Test
  void streamedAnswersAreTimedFromTheirChunksAndTokensCountedFromThem() throws Exception {
    GatlingRun.Result run = run("fixed-text", true, true);
    JsonNode summary = run.summary();

    assertTotalsAddUp(summary);
    assertThat(summary.get("completed").asLong()).as("completed").isEqualTo(TOTAL);
    assertThat(summary.get("missing_usage").asLong()).as("missing_usage").isEqualTo(TOTAL);
    assertThat(summary.get("estimated_output_token_requests").asLong())
        .as("requests whose tokens were counted from chunks")
        .isEqualTo(TOTAL);
    assertThat(summary.get("total_output_tokens").asLong())
        .as("output tokens: %d chunks per answer", CHUNKS)
        .isEqualTo((long) TOTAL * CHUNKS);
    assertThat(requests(run))
        .allSatisfy(
            r -> {
              assertThat(r.get("output_tokens").asLong()).as("output_tokens").isEqualTo(CHUNKS);
              assertThat(r.get("token_times_ms")).as("token_times_ms").hasSize(CHUNKS);
              // setInterval writes the first chunk one interval after the request arrived.
              assertThat(r.get("ttft_ms").asDouble())
                  .as("TTFT, ms (first chunk %s ms after the request)", CHUNK_INTERVAL_MS)
                  .isBetween(CHUNK_INTERVAL_MS - 1, 5_000.0);
            });
    // Gaps are set by the server's timer; a busy 2-core machine stretches them, never shrinks the
    // median far below the interval.
    assertThat(summary.get("median_itl_ms").asDouble())
        .as("median ITL, ms (chunks %s ms apart)", CHUNK_INTERVAL_MS)
        .isBetween(CHUNK_INTERVAL_MS * 0.75, CHUNK_INTERVAL_MS * 5);
    assertThat(summary.get("min_e2el_ms").asDouble())
        .as("fastest request, ms (%d chunks %s ms apart)", CHUNKS, CHUNK_INTERVAL_MS)
        .isBetween((CHUNKS - 1) * CHUNK_INTERVAL_MS, 10_000.0);
    assertThat(run.stdout())
        .contains("Missing usage: " + TOTAL + " of " + TOTAL + " ok responses")
        .contains("Output tokens counted from stream chunks (no usage) for " + TOTAL + " requests");
    assertOneFirstFailureLinePerKind(run.stdout(), summary);
  }

  @Test
  void rateLimitedPlainRequestsAreHttp429WithTheServersMessage() throws Exception {
    // The preflight would stop the run at the first 429, before any load.
    GatlingRun.Result run = run("rate-limited", false, false);
    JsonNode summary = run.summary();

    assertTotalsAddUp(summary);
    assertThat(summary.get("errors").get("http_429").asLong()).as("http_429").isEqualTo(TOTAL);
    assertThat(requests(run)).allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(429));
    Map<String, String> first = assertOneFirstFailureLinePerKind(run.stdout(), summary);
    assertThat(first.get("http_429"))
        .contains("HTTP 429")
        .contains("Rate limit reached for rate-limited (mock-llm).");
  }

  @Test
  void anErrorSentInsideA200StreamIsABadResponseNeverASuccess() throws Exception {
    GatlingRun.Result run = run("rate-limited", true, false);
    JsonNode summary = run.summary();

    assertTotalsAddUp(summary);
    assertThat(summary.get("completed").asLong()).as("completed").isZero();
    assertThat(summary.get("errors").get("bad_response").asLong())
        .as("bad_response")
        .isEqualTo(TOTAL);
    assertThat(requests(run))
        .allSatisfy(
            r -> {
              assertThat(r.get("status").asInt()).as("status").isEqualTo(200);
              assertThat(r.get("output_tokens").isNull()).as("output_tokens is null").isTrue();
            });
    Map<String, String> first = assertOneFirstFailureLinePerKind(run.stdout(), summary);
    assertThat(first.get("bad_response")).contains("Rate limit reached for rate-limited");
  }
}
