package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import onlinebench.simulator.TruthRecord;

/**
 * Test helper for forked runs: summary.json, requests.jsonl and the simulator's truth log, and the
 * checks every run owes (no full API key anywhere, one "First kind failure" line per kind).
 */
final class RunFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  /** The keys of summary.json's {@code errors}, as the benchmark names them. */
  static final List<String> ERROR_KINDS =
      List.of(
          "http_4xx",
          "http_429",
          "http_5xx",
          "timeout",
          "connection",
          "stream_truncated",
          "bad_response");

  private static final Pattern FIRST_FAILURE =
      Pattern.compile("^First (\\S+) failure: (.*)$", Pattern.MULTILINE);

  private RunFiles() {}

  /** The one run folder under {@code results} that holds summary.json. */
  static Path runFolder(Path results) throws IOException {
    try (Stream<Path> walk = Files.walk(results)) {
      List<Path> folders =
          walk.filter(p -> p.getFileName().toString().equals("summary.json"))
              .map(Path::getParent)
              .toList();
      assertThat(folders).as("run folders with summary.json under %s", results).hasSize(1);
      return folders.get(0);
    }
  }

  static JsonNode summary(Path results) throws IOException {
    return JSON.readTree(runFolder(results).resolve("summary.json").toFile());
  }

  static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /**
   * What the benchmark must make of one request the simulator served: an error kind, or {@code ok}
   * for a completion (with or without usage).
   */
  static String expectedOutcome(TruthRecord truth) {
    String fault = truth.fault();
    if (fault == null) {
      int status = truth.status() == null ? 0 : truth.status();
      if (status == 200) {
        return "ok";
      }
      return status == 429 ? "http_429" : status >= 500 ? "http_5xx" : "http_4xx";
    }
    return switch (fault) {
      case "500", "503" -> "http_5xx";
      case "429" -> "http_429";
      case "reset" -> "connection";
      case "cut" -> "stream_truncated";
      case "malformed" -> "bad_response";
      case "stall", "slow" -> "timeout";
      case "nousage" -> "ok";
      default -> throw new AssertionError("unknown fault served: " + fault);
    };
  }

  /** How many served requests have each fault ({@code none} for none), e.g. {500=7, none=40}. */
  static Map<String, Long> faultCounts(List<TruthRecord> truth) {
    Map<String, Long> counts = new TreeMap<>();
    for (TruthRecord served : truth) {
      counts.merge(served.fault() == null ? "none" : served.fault(), 1L, Long::sum);
    }
    return counts;
  }

  /** How many served requests the benchmark must count under each outcome, every kind present. */
  static Map<String, Long> expectedOutcomes(List<TruthRecord> truth) {
    Map<String, Long> counts = new TreeMap<>();
    counts.put("ok", 0L);
    ERROR_KINDS.forEach(k -> counts.put(k, 0L));
    truth.forEach(served -> counts.merge(expectedOutcome(served), 1L, Long::sum));
    return counts;
  }

  /** summary.json's outcomes in the same shape: {@code ok} is {@code completed}. */
  static Map<String, Long> measuredOutcomes(JsonNode summary) {
    Map<String, Long> counts = new TreeMap<>();
    counts.put("ok", summary.get("completed").asLong());
    ERROR_KINDS.forEach(k -> counts.put(k, summary.get("errors").get(k).asLong()));
    return counts;
  }

  /**
   * Exactly one {@code First <kind> failure:} line per error kind that occurred, none for the
   * others; returns the message of each line by kind.
   */
  static Map<String, String> assertOneFirstFailureLinePerKind(String stdout, JsonNode summary) {
    Map<String, String> lines = new TreeMap<>();
    Matcher m = FIRST_FAILURE.matcher(stdout);
    while (m.find()) {
      assertThat(lines.put(m.group(1), m.group(2)))
          .as("a second 'First %s failure:' line in stdout", m.group(1))
          .isNull();
    }
    List<String> occurred =
        ERROR_KINDS.stream().filter(k -> summary.get("errors").get(k).asLong() > 0).toList();
    assertThat(lines.keySet())
        .as("kinds with a 'First <kind> failure:' line vs kinds counted in summary.json")
        .containsExactlyInAnyOrderElementsOf(occurred);
    return lines;
  }

  /** The key appears in full nowhere: not in stdout, stderr, nor any file under {@code dir}. */
  static void assertKeyNowhere(String key, GatlingRun.Result run, Path dir) throws IOException {
    assertThat(key.length()).as("a key long enough to be masked").isGreaterThanOrEqualTo(12);
    assertThat(run.stdout()).as("stdout").doesNotContain(key);
    assertThat(run.stderr()).as("stderr").doesNotContain(key);
    assertKeyInNoFileUnder(key, dir);
  }

  /** The key appears in full in no file under any of {@code dirs}. */
  static void assertKeyInNoFileUnder(String key, Path... dirs) throws IOException {
    byte[] secret = key.getBytes(StandardCharsets.UTF_8);
    List<Path> files = new ArrayList<>();
    for (Path dir : dirs) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertThat(indexOf(Files.readAllBytes(file), secret)).as("key in %s", file).isEqualTo(-1);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
