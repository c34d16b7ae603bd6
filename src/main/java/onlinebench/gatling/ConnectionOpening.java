package onlinebench.gatling;

import io.gatling.http.client.HttpListener;
import io.gatling.http.client.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

/**
 * The listener of the one unmeasured exchange that opens a user's connection ({@link
 * ChatTransport#openConnection}): it drops the answer, lets {@link ConnectionReuse} count the
 * exchange and read the server's {@code Keep-Alive} as for any other, and moves the user on exactly
 * once, on success or failure alike.
 */
final class ConnectionOpening implements HttpListener {
  private final Runnable done;
  private @Nullable Channel channel;
  private @Nullable String keepAlive;
  private boolean finished;

  ConnectionOpening(Runnable done) {
    this.done = done;
  }

  @Override
  public void onWrite(Channel written) {
    channel = written;
    ConnectionReuse.beginExchange(written);
  }

  @Override
  public void onHttpResponse(HttpResponseStatus status, HttpHeaders headers) {
    keepAlive = headers.get(HttpHeaderNames.KEEP_ALIVE);
  }

  @Override
  public void onHttpResponseBodyChunk(ByteBuf chunk, boolean last) {
    if (last) {
      ConnectionReuse.answered(channel, keepAlive);
      finish();
    }
  }

  @Override
  public void onThrowable(Throwable failure) {
    // not a benchmark request: a server that will not answer it is judged by the measured requests
    finish();
  }

  @Override
  public void onFinalClientRequest(Request request) {
    // nothing to keep
  }

  private void finish() {
    if (!finished) {
      finished = true;
      done.run();
    }
  }
}
