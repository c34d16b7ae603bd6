package onlinebench.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class StreamingResponseReaderTest {
  private static final String ROLE =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
  private static final String FINISH =
      "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n";
  private static final String USAGE =
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  private static String token(String text) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
  }

  /** Feeds each piece as one read arriving at 100, 200, 300 ... ns; the request was sent at 0. */
  private static ChatResponseReader fed(int status, String... reads) {
    ChatResponseReader reader = ChatResponseReader.stream(16);
    reader.onResponse(status, "text/event-stream; charset=utf-8");
    long t = 100;
    for (String read : reads) {
      reader.onBodyChunk(Unpooled.copiedBuffer(read, StandardCharsets.UTF_8), t);
      t += 100;
    }
    return reader;
  }

  @Test
  void ttftIsTheFirstTextChunkNotTheRoleChunk() {
    RequestRecord r =
        fed(200, ROLE, token("a"), token("b"), token("c") + FINISH + USAGE + DONE)
            .onBodyEnd(0, 1_000);
    assertThat(r.ok()).isTrue();
    assertThat(r.timeToFirstTokenNanos()).hasValue(200);
    assertThat(r.tokenChunkNanos()).containsExactly(200, 300, 400);
    assertThat(r.e2eNanos()).as("ends at the last token chunk").isEqualTo(400);
    assertThat(r.completionTokens()).hasValue(3);
    assertThat(r.promptTokens()).hasValue(7);
    assertThat(r.usageDisagreesWithChunks()).isFalse();
  }

  @Test
  void streamWithoutUsageCountsChunksAndSaysSo() {
    RequestRecord r = fed(200, token("a") + token("b") + FINISH + DONE).onBodyEnd(0, 1_000);
    assertThat(r.ok()).isTrue();
    assertThat(r.outputTokens()).hasValue(2);
    assertThat(r.outputTokensEstimated()).isTrue();
  }

  @Test
  void usageThatDisagreesWithChunksIsNoticed() {
    String usage5 =
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":5}}\n\n";
    RequestRecord r = fed(200, token("ab") + token("cde") + usage5 + DONE).onBodyEnd(0, 1_000);
    assertThat(r.outputTokens()).hasValue(5);
    assertThat(r.usageDisagreesWithChunks()).isTrue();
  }

  @Test
  void streamCutBeforeDoneIsTruncatedNeverASuccess() {
    RequestRecord r =
        fed(200, ROLE, token("a"), "data: {\"choices\":[{\"delta\":{\"cont").onBodyEnd(0, 1_000);
    assertThat(r.error()).contains(ErrorKind.STREAM_TRUNCATED);
    assertThat(r.errorMessage()).contains("after 1 token chunks");
  }

  @Test
  void connectionLostMidStreamIsTruncated() {
    ChatResponseReader reader = fed(200, ROLE, token("a"));
    assertThat(reader.onFailure(0, 500, ErrorKind.CONNECTION, "Premature close").error())
        .contains(ErrorKind.STREAM_TRUNCATED);
  }

  @Test
  void errorEventMidStreamIsABadResponse() {
    RequestRecord r =
        fed(200, token("a"), "data: {\"error\":{\"message\":\"boom\"}}\n\n").onBodyEnd(0, 1_000);
    assertThat(r.error()).contains(ErrorKind.BAD_RESPONSE);
    assertThat(r.errorMessage()).contains("boom");
  }

  @Test
  void malformedChunkIsABadResponseEvenWithDone() {
    RequestRecord r = fed(200, token("a"), "data: {not json}\n\n", DONE).onBodyEnd(0, 1_000);
    assertThat(r.error()).contains(ErrorKind.BAD_RESPONSE);
  }

  @Test
  void httpErrorBodyOfAStreamRequestIsReadAsJsonError() {
    RequestRecord r =
        fed(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}")
            .onBodyEnd(0, 1_000);
    assertThat(r.error()).contains(ErrorKind.HTTP_429);
    assertThat(r.errorMessage()).isEqualTo("HTTP 429: Rate limit reached");
  }

  @Test
  void streamRequestAnsweredWithPlainJsonIsABadResponseSayingWhatCame() {
    // an Express-based mock that ignored our body answered exactly this to a stream request
    ChatResponseReader reader = ChatResponseReader.stream(16);
    reader.onResponse(200, "application/json; charset=utf-8");
    reader.onBodyChunk(
        Unpooled.copiedBuffer(
            "{\"model\":\"null\",\"choices\":[{\"message\":{\"content\":\"null\"}}]}",
            StandardCharsets.UTF_8),
        100);

    RequestRecord r = reader.onBodyEnd(0, 1_000);

    assertThat(r.error()).contains(ErrorKind.BAD_RESPONSE);
    assertThat(r.errorMessage())
        .isEqualTo(
            "asked for a stream, got HTTP 200 application/json; charset=utf-8: "
                + "{\"model\":\"null\",\"choices\":[{\"message\":{\"content\":\"null\"}}]}");
  }

  @Test
  void streamAnsweredWithoutAContentTypeIsABadResponse() {
    ChatResponseReader reader = ChatResponseReader.stream(16);
    reader.onResponse(200, null);
    reader.onBodyChunk(Unpooled.copiedBuffer(token("a") + DONE, StandardCharsets.UTF_8), 100);

    RequestRecord r = reader.onBodyEnd(0, 1_000);

    assertThat(r.error()).contains(ErrorKind.BAD_RESPONSE);
    assertThat(r.errorMessage())
        .startsWith("asked for a stream, got HTTP 200 without a Content-Type: data:");
  }

  @Test
  void eventStreamIsRecognisedWhateverItsCaseAndParameters() {
    assertThat(ChatResponseReader.isEventStream("text/event-stream")).isTrue();
    assertThat(ChatResponseReader.isEventStream("Text/Event-Stream ; charset=utf-8")).isTrue();
    assertThat(ChatResponseReader.isEventStream("application/json")).isFalse();
    assertThat(ChatResponseReader.isEventStream("text/event-streams")).isFalse();
    assertThat(ChatResponseReader.isEventStream(null)).isFalse();
  }
}
