package onlinebench.openai;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import onlinebench.config.Endpoint;
import onlinebench.prompt.ToolCall;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the client sees of one chat-completion exchange (status, body chunks with their
 * arrival times, or a transport failure) into a {@link RequestRecord}. One instance per request,
 * used from one thread; it holds the only per-request state the benchmark keeps.
 *
 * <p>Non-streamed, a request is ok on HTTP 200 with a JSON body holding {@code choices[0].message}
 * (chat) or {@code choices[0].text} (legacy completions). Streamed, it is ok on HTTP 200 with a
 * stream that ends with {@code data: [DONE]} and carries no error or malformed event. Everything
 * else is a failure of exactly one {@link ErrorKind}.
 */
public final class ChatResponseReader {
  private final BodyBuffer body = new BodyBuffer();
  private final Endpoint endpoint;
  private final StreamState stream;
  private final SseChatParser parser;
  private final boolean keepsAnswer;
  private @Nullable String answer;
  private List<ToolCall> toolCalls = List.of();
  private int status;
  private @Nullable String contentType;
  // decided once per response, not on every chunk: the media type check parses a header
  private boolean streaming;

  /** A reader for a non-streamed answer from the given API. */
  public static ChatResponseReader completion(Endpoint endpoint) {
    return completion(endpoint, false);
  }

  /**
   * A reader for a non-streamed answer that, when {@code keepsAnswer}, keeps its text for {@link
   * #answer()}.
   */
  public static ChatResponseReader completion(Endpoint endpoint, boolean keepsAnswer) {
    return new ChatResponseReader(endpoint, null, keepsAnswer);
  }

  /**
   * A reader for an SSE stream, chat or completions: {@link SseChatParser} reads both.
   *
   * @param expectedTokens {@code max_tokens}, to size the per-chunk arrival times once
   */
  public static ChatResponseReader stream(int expectedTokens) {
    return stream(expectedTokens, false);
  }

  /**
   * A reader for an SSE stream that, when {@code keepsAnswer}, joins the chunks' answer text for
   * {@link #answer()}; otherwise no text is decoded at all.
   */
  public static ChatResponseReader stream(int expectedTokens, boolean keepsAnswer) {
    return new ChatResponseReader(
        Endpoint.CHAT, new StreamState(expectedTokens, keepsAnswer), keepsAnswer);
  }

  private ChatResponseReader(Endpoint endpoint, StreamState stream, boolean keepsAnswer) {
    this.endpoint = endpoint;
    this.stream = stream;
    this.keepsAnswer = keepsAnswer;
    if (stream == null) {
      this.parser = null;
    } else {
      this.parser = keepsAnswer ? SseChatParser.readingAnswers(stream) : new SseChatParser(stream);
    }
  }

  /**
   * The assistant's answer text of a successful exchange, once {@link #onBodyEnd} has returned: the
   * streamed {@code delta.content} pieces joined, or {@code choices[0].message.content} ({@code
   * text} for completions). Null when the reader does not keep answers, when the request failed, or
   * when the answer had no text (a tool call's null content).
   */
  public @Nullable String answer() {
    return answer;
  }

  /**
   * The tool calls of a successful exchange's answer, once {@link #onBodyEnd} has returned: {@code
   * choices[0].message.tool_calls}, or the streamed {@code delta.tool_calls} pieces joined by
   * index. Empty when the answer had none, when the request failed, or when the reader does not
   * keep answers (then no argument is ever decoded).
   */
  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  /**
   * The response head arrived.
   *
   * @param responseContentType the {@code Content-Type} header, null when the server sent none
   */
  public void onResponse(int httpStatus, @Nullable String responseContentType) {
    this.status = httpStatus;
    this.contentType = responseContentType;
    this.streaming = parser != null && httpStatus == 200 && isEventStream(responseContentType);
  }

  /** A piece of the body arrived, stamped before this call; it is never kept. */
  public void onBodyChunk(ByteBuf chunk, long arrivalNanos) {
    if (streaming) {
      parser.feed(chunk, arrivalNanos);
    } else {
      body.append(chunk);
    }
  }

  /**
   * SSE's media type, parameters (charset) allowed. An Express-based mock answered a stream request
   * whose body it had ignored with plain {@code application/json}; read as SSE, that looked like a
   * stream cut before its first token, which it was not.
   */
  static boolean isEventStream(@Nullable String contentType) {
    if (contentType == null) {
      return false;
    }
    int end = contentType.indexOf(';');
    String mediaType = (end < 0 ? contentType : contentType.substring(0, end)).strip();
    return mediaType.equalsIgnoreCase("text/event-stream");
  }

  /** The body ended normally: the outcome of the whole request. */
  public RequestRecord onBodyEnd(long startNanos, long endNanos) {
    if (status != 200) {
      return RequestRecord.failed(
          startNanos,
          endNanos,
          status,
          ErrorKind.ofStatus(status),
          "HTTP " + status + ": " + ErrorBody.message(body.bytes(), body.length()));
    }
    if (streaming) {
      return streamOutcome(startNanos, endNanos);
    }
    if (parser != null) {
      return RequestRecord.failed(
          startNanos,
          endNanos,
          status,
          ErrorKind.BAD_RESPONSE,
          "asked for a stream, got HTTP "
              + status
              + " "
              + (contentType == null ? "without a Content-Type" : contentType)
              + ": "
              + ErrorBody.start(body.bytes(), body.length()));
    }
    if (body.overflowed()) {
      return RequestRecord.failed(
          startNanos,
          endNanos,
          status,
          ErrorKind.BAD_RESPONSE,
          "response body larger than " + BodyBuffer.MAX_BYTES + " bytes");
    }
    try {
      CompletionResponse response =
          CompletionResponse.parse(body.bytes(), body.length(), endpoint, keepsAnswer);
      if (keepsAnswer) {
        answer = response.answer().orElse(null);
        toolCalls = response.toolCalls();
      }
      RequestRecord done =
          RequestRecord.completed(
              startNanos, endNanos, response.promptTokens(), response.completionTokens());
      if (response.reasoningTokens().isPresent()) {
        done = done.withReasoningTokens(response.reasoningTokens().getAsLong());
      }
      return response.cachedTokens().isPresent()
          ? done.withCachedTokens(response.cachedTokens().getAsLong())
          : done;
    } catch (BadResponseException e) {
      return RequestRecord.failed(
          startNanos, endNanos, status, ErrorKind.BAD_RESPONSE, e.getMessage());
    }
  }

  private RequestRecord streamOutcome(long startNanos, long endNanos) {
    parser.endOfInput();
    if (stream.failure() != null) {
      return RequestRecord.failed(
          startNanos, endNanos, status, ErrorKind.BAD_RESPONSE, stream.failure());
    }
    if (!stream.done()) {
      return RequestRecord.failed(
          startNanos,
          endNanos,
          status,
          ErrorKind.STREAM_TRUNCATED,
          "stream ended without data: [DONE] after " + stream.tokenChunks() + " token chunks");
    }
    answer = stream.answer();
    toolCalls = stream.toolCalls();
    // e2el ends at the last token chunk, not at [DONE] or the usage chunk (vLLM's definition)
    return new RequestRecord(
        startNanos,
        stream.lastTokenNanos().orElse(endNanos),
        stream.firstTokenNanos(),
        stream.tokenChunkNanos(),
        stream.promptTokens(),
        stream.completionTokens(),
        status,
        Optional.empty(),
        "",
        Optional.empty(),
        OptionalInt.empty(),
        startNanos,
        false,
        stream.firstAnswerNanos(),
        stream.reasoningChunks(),
        stream.reasoningTokens(),
        stream.cachedTokens(),
        0);
  }

  /**
   * The exchange failed in transport. A timeout stays a timeout; a connection lost after the
   * response began is a truncated answer (or the HTTP error it was carrying); before that, a
   * connection failure.
   *
   * @param transportKind {@link ErrorKind#TIMEOUT} or {@link ErrorKind#CONNECTION}
   */
  public RequestRecord onFailure(
      long startNanos, long failedNanos, ErrorKind transportKind, String message) {
    ErrorKind kind = transportKind;
    if (transportKind != ErrorKind.TIMEOUT && status != 0) {
      kind = status == 200 ? ErrorKind.STREAM_TRUNCATED : ErrorKind.ofStatus(status);
    }
    return RequestRecord.failed(startNanos, failedNanos, status, kind, message);
  }
}
