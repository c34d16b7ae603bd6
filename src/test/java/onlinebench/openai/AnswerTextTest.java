package onlinebench.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import onlinebench.config.Endpoint;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

/** The answer's text, read only when a reader is asked to keep it. */
class AnswerTextTest {
  private static final String ROLE =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
  private static final String REASONING =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm\"}}]}\n\n";
  private static final String FINISH =
      "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
  private static final String USAGE =
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3}}\n\n";
  private static final String DONE = "data: [DONE]\n\n";
  private static final String STREAM =
      ROLE
          + REASONING
          + token("Par")
          + token("is, \\\"the\\\"")
          + token(" city\\n")
          + FINISH
          + USAGE
          + DONE;

  private static String token(String jsonEscaped) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + jsonEscaped
        + "\"}}]}\n\n";
  }

  /** Feeds the stream in reads of {@code size} bytes, the n-th arriving at n * 100 ns. */
  private static ChatResponseReader streamed(boolean keepsAnswer, String body, int size) {
    ChatResponseReader reader = ChatResponseReader.stream(16, keepsAnswer);
    reader.onResponse(200, "text/event-stream");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long t = 100;
    for (int from = 0; from < bytes.length; from += size) {
      int length = Math.min(size, bytes.length - from);
      reader.onBodyChunk(Unpooled.wrappedBuffer(bytes, from, length), t);
      t += 100;
    }
    return reader;
  }

  @Test
  void streamedAnswerIsTheContentPiecesJoinedWithoutReasoning() {
    ChatResponseReader reader = streamed(true, STREAM, 7);
    RequestRecord record = reader.onBodyEnd(0, 100_000);

    assertThat(record.ok()).isTrue();
    assertThat(reader.answer()).isEqualTo("Paris, \"the\" city\n");
  }

  @Test
  void keepingTheAnswerChangesNoFigure() {
    for (int size : new int[] {1, 13, 4096}) {
      RequestRecord kept = streamed(true, STREAM, size).onBodyEnd(0, 100_000);
      RequestRecord plain = streamed(false, STREAM, size).onBodyEnd(0, 100_000);

      assertThat(kept.tokenChunkNanos())
          .as("reads of %d bytes", size)
          .containsExactly(plain.tokenChunkNanos());
      assertThat(kept.tokenChunkNanos()).as("reasoning counts as a token").hasSize(4);
      assertThat(kept.firstTokenNanos()).isEqualTo(plain.firstTokenNanos());
      assertThat(kept.e2eNanos()).isEqualTo(plain.e2eNanos());
      assertThat(kept.completionTokens()).isEqualTo(plain.completionTokens());
    }
  }

  @Test
  void aReaderNotAskedKeepsNoText() {
    ChatResponseReader reader = streamed(false, STREAM, 4096);
    reader.onBodyEnd(0, 100_000);

    assertThat(reader.answer()).isNull();
  }

  @Test
  void aStreamCutBeforeDoneHasNoAnswer() {
    ChatResponseReader reader = streamed(true, ROLE + token("Par"), 4096);
    RequestRecord record = reader.onBodyEnd(0, 100_000);

    assertThat(record.ok()).isFalse();
    assertThat(reader.answer()).isNull();
  }

  private static ChatResponseReader plain(Endpoint endpoint, boolean keepsAnswer, String body) {
    ChatResponseReader reader = ChatResponseReader.completion(endpoint, keepsAnswer);
    reader.onResponse(200, "application/json");
    reader.onBodyChunk(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), 100);
    return reader;
  }

  @Test
  void nonStreamedAnswerIsTheMessageContent() {
    String body =
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}";

    ChatResponseReader kept = plain(Endpoint.CHAT, true, body);
    kept.onBodyEnd(0, 200);
    ChatResponseReader notKept = plain(Endpoint.CHAT, false, body);
    notKept.onBodyEnd(0, 200);

    assertThat(kept.answer()).isEqualTo("Paris");
    assertThat(notKept.answer()).isNull();
  }

  @Test
  void nonStreamedCompletionAnswerIsTheText() {
    ChatResponseReader reader =
        plain(Endpoint.COMPLETIONS, true, "{\"choices\":[{\"index\":0,\"text\":\" four\"}]}");
    reader.onBodyEnd(0, 200);

    assertThat(reader.answer()).isEqualTo(" four");
  }

  /** A transcript's lines, from src/test/resources/wire/llama.cpp. */
  private static List<String> transcript(String name) throws IOException {
    try (InputStream in = AnswerTextTest.class.getResourceAsStream("/wire/llama.cpp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void llamaServersStreamedAnswerIsReadFromItsContentDeltas() throws IOException {
    // the events as llama-server sent them, without the HTTP chunk sizes around them
    String events =
        transcript("chat-stream.txt").stream()
            .filter(line -> line.startsWith("data: "))
            .map(line -> line + "\n\n")
            .collect(Collectors.joining());
    ChatResponseReader reader = streamed(true, events, 64);

    assertThat(reader.onBodyEnd(0, 100_000).ok()).isTrue();
    assertThat(reader.answer()).isEqualTo("protocoldekcreateElement XVII");
  }

  @Test
  void llamaServersNonStreamedAnswerIsItsMessageContentInUtf8() throws IOException {
    List<String> lines = transcript("chat.txt");
    ChatResponseReader reader = plain(Endpoint.CHAT, true, lines.get(lines.size() - 1));

    assertThat(reader.onBodyEnd(0, 200).ok()).isTrue();
    assertThat(reader.answer()).isEqualTo("thread>= янва Tul");
  }

  @Test
  void aToolCallAnswerWithNullContentHasNoText() {
    ChatResponseReader reader =
        plain(
            Endpoint.CHAT,
            true,
            "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null}}]}");
    RequestRecord record = reader.onBodyEnd(0, 200);

    assertThat(record.ok()).isTrue();
    assertThat(reader.answer()).isNull();
  }
}
