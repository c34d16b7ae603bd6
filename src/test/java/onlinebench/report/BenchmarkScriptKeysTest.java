package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys the scripts in {@code benchmarks/} read from summary.json, requests.jsonl and the
 * simulator's truth log exist in what our writers produce, so renaming one breaks this test instead
 * of a benchmark run days later.
 *
 * <p>The reads are listed here, script by script, and the list is held to the scripts both ways:
 * every listed read is in its script, and every {@code summary[...]} / {@code summary.get(...)}
 * read (summary.json) and every {@code t[...]} read (the scripts' name for a truth-log line) in a
 * script is listed. requests.jsonl lines are called {@code r} in fidelity.py, a name it also uses
 * for its own result rows, so those reads are held to the list in one direction only.
 */
class BenchmarkScriptKeysTest {
  private static final Path BENCHMARKS = Path.of("benchmarks");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MS = 1_000_000;

  /** Where a script reads a key from. */
  enum Source {
    SUMMARY_JSON,
    REQUESTS_JSONL,
    TRUTH_LOG
  }

  /** One key a script reads; a nested key as a path, {@code harness/event_loop_lag_p99_ms}. */
  record Read(String script, Source source, String key) {}

  private static final List<Read> READS =
      List.of(
          new Read("fidelity.py", Source.SUMMARY_JSON, "failed"),
          new Read("fidelity.py", Source.SUMMARY_JSON, "completed"),
          new Read("fidelity.py", Source.SUMMARY_JSON, "harness_saturated"),
          new Read("fidelity.py", Source.SUMMARY_JSON, "harness/event_loop_lag_p99_ms"),
          new Read("fidelity.py", Source.SUMMARY_JSON, "median_ttft_ms"),
          new Read("fidelity.py", Source.SUMMARY_JSON, "p99_ttft_ms"),
          new Read("fidelity.py", Source.SUMMARY_JSON, "median_itl_ms"),
          new Read("fidelity.py", Source.SUMMARY_JSON, "p99_itl_ms"),
          new Read("fidelity.py", Source.REQUESTS_JSONL, "request_id"),
          new Read("fidelity.py", Source.REQUESTS_JSONL, "start_offset_ms"),
          new Read("fidelity.py", Source.REQUESTS_JSONL, "ttft_ms"),
          new Read("fidelity.py", Source.REQUESTS_JSONL, "token_times_ms"),
          new Read("fidelity.py", Source.TRUTH_LOG, "id"),
          new Read("fidelity.py", Source.TRUTH_LOG, "arrival_nanos"),
          new Read("fidelity.py", Source.TRUTH_LOG, "chunk_nanos"),
          new Read("request_capacity.py", Source.SUMMARY_JSON, "failed"),
          new Read("request_capacity.py", Source.SUMMARY_JSON, "completed"),
          new Read("request_capacity.py", Source.SUMMARY_JSON, "request_throughput"),
          new Read("scale.py", Source.SUMMARY_JSON, "completed"),
          new Read("scale.py", Source.SUMMARY_JSON, "failed"),
          new Read("scale.py", Source.SUMMARY_JSON, "errors"),
          new Read("scale.py", Source.SUMMARY_JSON, "harness_saturated"),
          new Read("scale.py", Source.SUMMARY_JSON, "median_ttft_ms"),
          new Read("scale.py", Source.TRUTH_LOG, "arrival_nanos"),
          new Read("scale.py", Source.TRUTH_LOG, "end_nanos"),
          new Read("benchlib.py", Source.TRUTH_LOG, "end_nanos"),
          new Read("benchlib.py", Source.TRUTH_LOG, "chunk_nanos"));

  /** {@code summary["a"]["b"]} or {@code summary.get("a")}, quoted either way. */
  private static final Pattern SUMMARY_READ =
      Pattern.compile("\\bsummary((?:\\[\\s*[\"']\\w+[\"']\\s*\\])+|\\.get\\(\\s*[\"']\\w+[\"'])");

  private static final Pattern TRUTH_READ = Pattern.compile("\\bt\\[\\s*[\"'](\\w+)[\"']\\s*\\]");
  private static final Pattern QUOTED = Pattern.compile("[\"'](\\w+)[\"']");

  @TempDir Path dir;

  @Test
  void everyKeyTheScriptsReadFromSummaryJsonIsWritten() {
    JsonNode summary =
        SummaryJson.toJson(ReportFixtures.summary(true), ReportFixtures.facts(true), Instant.EPOCH);
    assertKeysIn(summary, Source.SUMMARY_JSON, "summary.json");
    assertThat(summary.get("errors").isObject()).as("scale.py iterates errors.items()").isTrue();
  }

  @Test
  void everyKeyTheScriptsReadFromRequestsJsonlIsWritten() throws Exception {
    Path file = dir.resolve(RequestLog.FILE_NAME);
    try (RequestLog log = RequestLog.open(file, () -> 1_000 * MS)) {
      // a streamed success, as the fidelity runs log it: the server's id, two token chunks
      log.append(ReportFixtures.streamedRequest().withRequestId("chatcmpl-sim-1"));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1);
    assertKeysIn(JSON.readTree(lines.get(0)), Source.REQUESTS_JSONL, "requests.jsonl");
  }

  @Test
  void everyKeyTheScriptsReadFromTheTruthLogIsWritten() throws Exception {
    Path truthLog = dir.resolve("truth.jsonl");
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.defaults()
                .withDelays(Duration.ofMillis(1), Duration.ofMillis(1))
                .withTruthLog(truthLog))) {
      HttpResponse<String> answer = postStreamedChat(server.url("chat/completions"));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
    List<String> lines = Files.readAllLines(truthLog, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1);
    assertKeysIn(JSON.readTree(lines.get(0)), Source.TRUTH_LOG, "the truth log");
  }

  @Test
  void everyListedReadIsInItsScript() throws IOException {
    for (Read read : READS) {
      String[] path = read.key().split("/");
      String index =
          List.of(path).stream()
              .map(k -> "\\[\\s*[\"']" + k + "[\"']\\s*\\]")
              .collect(Collectors.joining("\\s*"));
      String get = path.length == 1 ? "|\\.get\\(\\s*[\"']" + path[0] + "[\"']" : "";
      assertThat(Pattern.compile(index + get).matcher(script(read.script())).find())
          .as("%s reads %s from %s", read.script(), read.key(), read.source())
          .isTrue();
    }
  }

  @Test
  void everySummaryAndTruthReadInTheScriptsIsListed() throws IOException {
    List<Path> scripts;
    try (var files = Files.list(BENCHMARKS)) {
      scripts = files.filter(p -> p.toString().endsWith(".py")).sorted().toList();
    }
    assertThat(scripts).as("scripts in %s", BENCHMARKS).isNotEmpty();
    for (Path file : scripts) {
      String name = file.getFileName().toString();
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Set<String> summaryReads = new TreeSet<>();
      Matcher m = SUMMARY_READ.matcher(text);
      while (m.find()) {
        List<String> keys = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(m.group(1));
        while (quoted.find()) {
          keys.add(quoted.group(1));
        }
        summaryReads.add(String.join("/", keys));
      }
      Set<String> truthReads = new TreeSet<>();
      Matcher t = TRUTH_READ.matcher(text);
      while (t.find()) {
        truthReads.add(t.group(1));
      }
      assertThat(listed(name, Source.SUMMARY_JSON))
          .as("summary.json keys %s reads: list them in READS", name)
          .containsAll(summaryReads);
      assertThat(listed(name, Source.TRUTH_LOG))
          .as("truth-log keys %s reads: list them in READS", name)
          .containsAll(truthReads);
    }
  }

  private static void assertKeysIn(JsonNode written, Source source, String what) {
    List<Read> reads = READS.stream().filter(r -> r.source() == source).toList();
    assertThat(reads).as("listed reads of %s", what).isNotEmpty();
    for (Read read : reads) {
      assertThat(written.at("/" + read.key()).isMissingNode())
          .as("%s reads %s from %s; written: %s", read.script(), read.key(), what, written)
          .isFalse();
    }
  }

  private static Set<String> listed(String script, Source source) {
    return READS.stream()
        .filter(r -> r.script().equals(script) && r.source() == source)
        .map(Read::key)
        .collect(Collectors.toSet());
  }

  private static String script(String name) throws IOException {
    return Files.readString(BENCHMARKS.resolve(name), StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> postStreamedChat(URI url)
      throws IOException, InterruptedException {
    String body =
        JSON.createObjectNode()
            .put("model", "simulated-llm")
            .put("stream", true)
            .put("max_tokens", 3)
            .set(
                "messages",
                JSON.createArrayNode()
                    .add(JSON.createObjectNode().put("role", "user").put("content", "hi")))
            .toString();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
