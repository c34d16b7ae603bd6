package onlinebench.gatling;

import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import onlinebench.metrics.RequestRecord;
import onlinebench.openai.ChatResponseReader;
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

  @Override
  public void onFinalClientRequest(Request request) {
    // the request as sent is not needed: we time from the hand-off, as vLLM does
  }

  private void finish(RequestRecord record) {
    done = true;
    completion.complete(requestId == null ? record : record.withRequestId(requestId));
  }
}
