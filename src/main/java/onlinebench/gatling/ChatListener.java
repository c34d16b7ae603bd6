package onlinebench.gatling;

import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import onlinebench.metrics.RequestRecord;
import onlinebench.openai.ChatResponseReader;
import onlinebench.openai.ErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * Receives one exchange's callbacks from Gatling's HTTP client on the virtual user's event loop,
 * stamps each body chunk with {@link System#nanoTime()} before anything else, and reports the
 * outcome exactly once.
 */
final class ChatListener implements HttpListener {
  /** The response header that names the request on the server (vLLM and OpenAI send it). */
  static final String REQUEST_ID = "x-request-id";

  /** Called once with the request's outcome. */
  interface Completion {
    void complete(RequestRecord record);
  }

  private final ChatResponseReader reader;
  private final Completion completion;
  private long startNanos;
  private int writes;
  private boolean done;
  private @Nullable String requestId;

  ChatListener(ChatResponseReader reader, Completion completion) {
    this.reader = reader;
    this.completion = completion;
  }

  /** Starts the clock: called just before the request is handed to the engine. */
  void started(long nanos) {
    this.startNanos = nanos;
  }

  @Override
  public void onHttpResponse(HttpResponseStatus status, HttpHeaders headers) {
    reader.onStatus(status.code());
    requestId = headers.get(REQUEST_ID);
  }

  @Override
  public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
    long arrival = System.nanoTime();
    if (done) {
      return;
    }
    reader.onBodyChunk(chunk, arrival);
    if (last) {
      finish(reader.onBodyEnd(startNanos, arrival));
    }
  }

  @Override
  public void onThrowable(Throwable failure) {
    long now = System.nanoTime();
    if (!done) {
      finish(
          reader.onFailure(
              startNanos,
              now,
              FailureClassifier.kindOf(failure),
              FailureClassifier.describe(failure)));
    }
  }

  /**
   * Gatling's client silently sends a request again on a new connection when its pooled connection
   * closes before the answer is complete, even mid-stream. That would make the server serve it
   * twice and merge two answers into one record, so the second write is stopped here and the first
   * attempt's failure is reported instead.
   */
  @Override
  public void onWrite(Channel channel) {
    if (++writes == 1 || done) {
      return;
    }
    long now = System.nanoTime();
    channel.close();
    finish(
        reader.onFailure(
            startNanos,
            now,
            ErrorKind.CONNECTION,
            "the connection closed before the answer was complete"));
  }

  @Override
  public void onFinalClientRequest(Request request) {
    // the request as sent is not needed: we time from the hand-off, as vLLM does
  }

  private void finish(RequestRecord record) {
    done = true;
    completion.complete(requestId == null ? record : record.withRequestId(requestId));
  }
}
