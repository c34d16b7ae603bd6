package onlinebench.gatling;

import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import onlinebench.openai.ChatResponseReader;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;

/**
 * Receives one exchange's callbacks from Gatling's HTTP client on the virtual user's event loop,
 * stamps each body chunk with {@link System#nanoTime()} before anything else, and reports the
 * outcome exactly once.
 *
 * <p>A kept-alive connection the server has closed is not a failure of the request sent on it:
 * llama.cpp's {@code llama-server} keeps a connection open after a streamed answer, then closes it
 * unanswered when the next request arrives on it ({@code
 * shared/wire/llama.cpp/two-streams-one-connection.txt}); curl opens a new connection and so do we.
 * A request whose pooled connection failed before any byte of the answer arrived is sent once more
 * on a fresh connection, timed from that send, and marked {@link
 * RequestRecord#connectionRetried()}. Once any byte of the answer has arrived, a lost connection
 * stays a failure: the server has begun to serve the request.
 */
final class ChatListener implements HttpListener {
  /** The response header that names the request on the server (vLLM and OpenAI send it). */
  static final String REQUEST_ID = "x-request-id";

  /** Called once with the request's outcome. */
  interface Completion {
    void complete(RequestRecord record);
  }

  /** Sends the request again on a fresh connection, reporting to the same listener. */
  interface Resend {
    void onFreshConnection(ChatListener listener);
  }

  private final ChatResponseReader reader;
  private final Completion completion;
  private final Resend resend;
  private long startNanos;
  private int sends;
  private boolean retried;
  private boolean answered;
  private boolean done;
  private boolean reusedConnection;
  private @Nullable Channel channel;
  private @Nullable String requestId;
  private @Nullable String keepAlive;

  ChatListener(ChatResponseReader reader, Completion completion, Resend resend) {
    this.reader = reader;
    this.completion = completion;
    this.resend = resend;
  }

  /** Starts the clock: called just before the request is handed to the engine. */
  void started(long nanos) {
    this.startNanos = nanos;
  }

  /**
   * Gatling's client calls this for every send of the request. A second one is its own retry: after
   * a pooled connection closed before the response began, it sends the request again on a new
   * connection (gatling-http-client {@code HttpAppHandler.channelInactive}, {@code
   * DefaultHttpClient.canRetry}).
   */
  @Override
  public void onSend() {
    if (++sends > 1 && !done && !answered) {
      retry();
    }
  }

  @Override
  public void onWrite(Channel written) {
    if (done) {
      return;
    }
    if (answered) {
      // a send after the answer began would merge two answers into one record: refuse it
      written.close();
      finish(
          reader.onFailure(
              startNanos,
              System.nanoTime(),
              ErrorKind.CONNECTION,
              "the connection closed before the answer was complete"));
      return;
    }
    channel = written;
    reusedConnection = ConnectionReuse.beginExchange(written);
  }

  @Override
  public void onHttpResponse(HttpResponseStatus status, HttpHeaders headers) {
    answered = true;
    reader.onResponse(status.code(), headers.get(HttpHeaderNames.CONTENT_TYPE));
    requestId = headers.get(REQUEST_ID);
    keepAlive = headers.get(HttpHeaderNames.KEEP_ALIVE);
  }

  @Override
  public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
    long arrival = System.nanoTime();
    if (done) {
      return;
    }
    reader.onBodyChunk(chunk, arrival);
    if (last) {
      ConnectionReuse.answered(channel, keepAlive);
      finish(reader.onBodyEnd(startNanos, arrival));
    }
  }

  @Override
  public void onThrowable(Throwable failure) {
    long now = System.nanoTime();
    if (done) {
      return;
    }
    ErrorKind kind = FailureClassifier.kindOf(failure);
    if (kind == ErrorKind.CONNECTION && !answered && reusedConnection && !retried) {
      // a reset or failed write on a reused connection, which Gatling's client does not retry
      retry();
      resend.onFreshConnection(this);
      return;
    }
    finish(reader.onFailure(startNanos, now, kind, FailureClassifier.describe(failure)));
  }

  private void retry() {
    retried = true;
    reusedConnection = false;
    channel = null;
    startNanos = System.nanoTime();
  }

  @Override
  public void onFinalClientRequest(Request request) {
    // the request as sent is not needed: we time from the hand-off, as vLLM does
  }

  private void finish(RequestRecord outcome) {
    done = true;
    RequestRecord record = requestId == null ? outcome : outcome.withRequestId(requestId);
    completion.complete(retried ? record.withConnectionRetried() : record);
  }
}
