package onlinebench.openai;

import io.netty.buffer.ByteBuf;
import java.util.OptionalLong;
import onlinebench.metrics.RequestRecord;

/**
 * Turns what the client sees of one chat-completion exchange (status, body chunks with their
 * arrival times, or a transport failure) into a {@link RequestRecord}. One instance per request,
 * used from one thread; it holds the only per-request state the benchmark keeps.
 *
 * <p>A request is ok on HTTP 200 with a JSON body holding {@code choices[0].message}. Everything
 * else is a failure of exactly one {@link ErrorKind}.
 */
public final class ChatResponseReader {
  private final BodyBuffer body = new BodyBuffer();
  private int status;

  /** The response status line arrived. */
  public void onStatus(int httpStatus) {
    this.status = httpStatus;
  }

  /** A piece of the body arrived; it is copied, never kept. */
  public void onBodyChunk(ByteBuf chunk, long arrivalNanos) {
    body.append(chunk);
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
    if (body.overflowed()) {
      return RequestRecord.failed(
          startNanos,
          endNanos,
          status,
          ErrorKind.BAD_RESPONSE,
          "response body larger than " + BodyBuffer.MAX_BYTES + " bytes");
    }
    try {
      CompletionResponse response = CompletionResponse.parse(body.bytes(), body.length());
      return RequestRecord.completed(
          startNanos, endNanos, response.promptTokens(), response.completionTokens());
    } catch (BadResponseException e) {
      return RequestRecord.failed(
          startNanos, endNanos, status, ErrorKind.BAD_RESPONSE, e.getMessage());
    }
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

  /** Absent when no status arrived yet. */
  public OptionalLong status() {
    return status == 0 ? OptionalLong.empty() : OptionalLong.of(status);
  }
}
