package onlinebench.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import onlinebench.config.Endpoint;
import onlinebench.prompt.ToolCall;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

/**
 * Tool calls read from answers: a non-streamed message's {@code tool_calls}, and a stream's {@code
 * delta.tool_calls} pieces joined by index, in OpenAI's shapes (the first piece names the call,
 * later ones carry argument fragments). A tool-call piece that carries a name or arguments is a
 * token chunk; the arguments are decoded only when the reader keeps the answer.
 */
class ToolCallReadingTest {
  private static final String ROLE =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}\n\n";
  private static final String FINISH =
      "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n";
  private static final String USAGE =
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5}}\n\n";
  private static final String DONE = "data: [DONE]\n\n";

  private static String piece(String toolCallJson) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":["
        + toolCallJson
        + "]},\"finish_reason\":null}]}\n\n";
  }

  /** Two calls streamed side by side, their pieces interleaved, the arguments split mid-token. */
  private static final String TWO_CALLS =
      ROLE
          + piece(
              "{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                  + "\"function\":{\"name\":\"search\",\"arguments\":\"\"}}")
          + piece("{\"index\":0,\"function\":{\"arguments\":\"{\\\"query\\\": \\\"ri\"}}")
          + piece(
              "{\"index\":1,\"id\":\"call_b\",\"type\":\"function\","
                  + "\"function\":{\"name\":\"read_file\",\"arguments\":\"\"}}")
          + piece("{\"index\":0,\"function\":{\"arguments\":\"vers\\\"}\"}}")
          + piece("{\"index\":1,\"function\":{\"arguments\":\"{\\\"path\\\":\\\"a.txt\\\"}\"}}")
          + FINISH
          + USAGE
          + DONE;

  private static ChatResponseReader streamed(boolean keepsAnswer, String body, int readSize) {
    ChatResponseReader reader = ChatResponseReader.stream(16, keepsAnswer);
    reader.onResponse(200, "text/event-stream");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long t = 100;
    for (int from = 0; from < bytes.length; from += readSize) {
      int length = Math.min(readSize, bytes.length - from);
      reader.onBodyChunk(Unpooled.wrappedBuffer(bytes, from, length), t);
      t += 100;
    }
    return reader;
  }

  @Test
  void streamedPiecesAreJoinedIntoWholeCallsByIndex() {
    for (int size : new int[] {1, 17, 4096}) {
      ChatResponseReader reader = streamed(true, TWO_CALLS, size);
      RequestRecord record = reader.onBodyEnd(0, 1_000_000);

      assertThat(record.ok()).as("reads of %d bytes", size).isTrue();
      assertThat(reader.toolCalls())
          .as("reads of %d bytes", size)
          .containsExactly(
              new ToolCall("call_a", "search", "{\"query\": \"rivers\"}"),
              new ToolCall("call_b", "read_file", "{\"path\":\"a.txt\"}"));
      assertThat(reader.answer()).as("a tool-call answer has no text").isNullOrEmpty();
    }
  }

  @Test
  void everyPieceWithANameOrArgumentsIsATokenChunkAndTheRoleChunkIsNot() {
    RequestRecord record = streamed(false, TWO_CALLS, 4096).onBodyEnd(0, 1_000_000);

    assertThat(record.tokenChunkNanos())
        .as("five pieces, each with a name or arguments")
        .hasSize(5);
    assertThat(record.firstTokenNanos()).as("the first piece, in the one read").hasValue(100);
    assertThat(record.firstAnswerNanos()).as("a tool call is answer, not reasoning").hasValue(100);
    assertThat(record.completionTokens()).hasValue(5);
  }

  @Test
  void keepingTheToolCallsChangesNoFigure() {
    for (int size : new int[] {1, 29, 4096}) {
      RequestRecord kept = streamed(true, TWO_CALLS, size).onBodyEnd(0, 1_000_000);
      RequestRecord plain = streamed(false, TWO_CALLS, size).onBodyEnd(0, 1_000_000);

      assertThat(kept.tokenChunkNanos()).containsExactly(plain.tokenChunkNanos());
      assertThat(kept.e2eNanos()).isEqualTo(plain.e2eNanos());
    }
  }

  @Test
  void aReaderThatKeepsNoAnswerDecodesNoToolCall() {
    ChatResponseReader reader = streamed(false, TWO_CALLS, 4096);
    reader.onBodyEnd(0, 1_000_000);

    assertThat(reader.toolCalls()).isEmpty();
  }

  @Test
  void aPieceWithOnlyAnIdCarriesNoToken() {
    String body =
        ROLE
            + piece("{\"index\":0,\"id\":\"call_a\",\"type\":\"function\"}")
            + piece("{\"index\":0,\"function\":{\"name\":\"search\"}}")
            + FINISH
            + DONE;

    ChatResponseReader reader = streamed(true, body, 4096);
    RequestRecord record = reader.onBodyEnd(0, 1_000_000);

    assertThat(record.tokenChunkNanos()).hasSize(1);
    assertThat(reader.toolCalls()).containsExactly(new ToolCall("call_a", "search", ""));
  }

  @Test
  void aTextAnswerBesideAnEmptyToolCallListIsReadAsBefore() {
    String body =
        ROLE
            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\",\"tool_calls\":[]}}]}\n\n"
            + FINISH
            + DONE;

    ChatResponseReader reader = streamed(true, body, 4096);
    RequestRecord record = reader.onBodyEnd(0, 1_000_000);

    assertThat(record.tokenChunkNanos()).hasSize(1);
    assertThat(reader.answer()).isEqualTo("Hi");
    assertThat(reader.toolCalls()).isEmpty();
  }

  private static ChatResponseReader plain(boolean keepsAnswer, String body) {
    ChatResponseReader reader = ChatResponseReader.completion(Endpoint.CHAT, keepsAnswer);
    reader.onResponse(200, "application/json");
    reader.onBodyChunk(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), 100);
    return reader;
  }

  // OpenAI's non-streamed shape: content null, tool_calls of id, type and function
  private static final String NON_STREAMED =
      "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
          + "\"tool_calls\":[{\"id\":\"call_a\",\"type\":\"function\",\"function\":"
          + "{\"name\":\"search\",\"arguments\":\"{\\\"query\\\":\\\"rivers\\\"}\"}},"
          + "{\"id\":\"call_b\",\"type\":\"function\",\"function\":"
          + "{\"name\":\"read_file\",\"arguments\":\"{}\"}}]},"
          + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":9,"
          + "\"completion_tokens\":12}}";

  @Test
  void nonStreamedToolCallsAreReadInOrder() {
    ChatResponseReader reader = plain(true, NON_STREAMED);
    RequestRecord record = reader.onBodyEnd(0, 200);

    assertThat(record.ok()).isTrue();
    assertThat(reader.answer()).isNull();
    assertThat(reader.toolCalls())
        .containsExactly(
            new ToolCall("call_a", "search", "{\"query\":\"rivers\"}"),
            new ToolCall("call_b", "read_file", "{}"));
  }

  @Test
  void nonStreamedToolCallsAreNotReadUnlessKept() {
    ChatResponseReader reader = plain(false, NON_STREAMED);
    reader.onBodyEnd(0, 200);

    assertThat(reader.toolCalls()).isEmpty();
  }

  @Test
  void aNonStreamedTextAnswerHasNoToolCalls() {
    ChatResponseReader reader =
        plain(true, "{\"choices\":[{\"message\":{\"content\":\"Hi\",\"tool_calls\":null}}]}");
    reader.onBodyEnd(0, 200);

    assertThat(reader.answer()).isEqualTo("Hi");
    assertThat(reader.toolCalls()).isEmpty();
  }
}
