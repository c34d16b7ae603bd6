package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLogTest {
  private static final long MS = 1_000_000;
  @TempDir Path dir;

  @Test
  void writesOneJsonLinePerRequestWithOffsetsFromTheFirstSend() throws Exception {
    Path file = dir.resolve("requests.jsonl");
    try (RequestLog log = RequestLog.open(file, () -> 1_000 * MS)) {
      log.append(ReportFixtures.streamedRequest().withCachedTokens(8).withTurn(2));
      log.append(RequestRecord.failed(1_010 * MS, 1_020 * MS, 503, ErrorKind.HTTP_5XX, "HTTP 503"));
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode ok = json.readTree(lines.get(0));
    assertThat(ok.get("start_offset_ms").asDouble()).isEqualTo(0.0);
    assertThat(ok.get("ttft_ms").asDouble()).isEqualTo(200.0);
    assertThat(ok.get("ttfo_ms").asDouble()).as("no reasoning: TTFO is TTFT").isEqualTo(200.0);
    assertThat(ok.get("reasoning_tokens").isNull()).isTrue();
    assertThat(ok.get("e2el_ms").asDouble()).isEqualTo(300.0);
    assertThat(ok.get("prompt_tokens").asInt()).isEqualTo(12);
    assertThat(ok.get("output_tokens").asInt()).isEqualTo(2);
    assertThat(ok.get("error").isNull()).isTrue();
    assertThat(ok.get("cached_tokens").asInt()).isEqualTo(8);
    assertThat(ok.get("turn").asInt()).isEqualTo(2);
    JsonNode failed = json.readTree(lines.get(1));
    assertThat(failed.get("start_offset_ms").asDouble()).isEqualTo(10.0);
    assertThat(failed.get("ttft_ms").isNull()).isTrue();
    assertThat(failed.get("ttfo_ms").isNull()).isTrue();
    assertThat(failed.get("status").asInt()).isEqualTo(503);
    assertThat(failed.get("error").asText()).isEqualTo("http_5xx");
    assertThat(failed.get("cached_tokens").isNull()).as("not reported, never 0").isTrue();
    assertThat(failed.get("turn").isNull()).as("no session").isTrue();
  }

  @Test
  void manyRequestsAllArriveInOrder() throws Exception {
    Path file = dir.resolve("many.jsonl");
    try (RequestLog log = RequestLog.open(file, () -> 0)) {
      for (int i = 0; i < 100_000; i++) {
        log.append(RequestRecord.completed(i, i + 1, OptionalLong.empty(), OptionalLong.empty()));
      }
    }
    assertThat(Files.readAllLines(file)).hasSize(100_000);
  }
}
