package onlinebench.simulator;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;

/** The response headers of a server family, applied to every response head the simulator writes. */
public enum HeaderStyle {
  /** As {@link HttpResponses} builds them: {@code x-request-id}, {@code charset=utf-8} streams. */
  OPENAI {
    @Override
    void apply(HttpResponse response) {}
  },
  /**
   * ../shared/wire/llama.cpp/*.txt: {@code Server: llama.cpp}, an empty {@code
   * Access-Control-Allow-Origin}, no request id; streams are {@code text/event-stream} with {@code
   * X-Accel-Buffering: no}, JSON is {@code application/json; charset=utf-8}.
   */
  LLAMACPP {
    @Override
    void apply(HttpResponse response) {
      HttpHeaders headers = response.headers();
      String type = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
      headers.remove(HttpResponses.REQUEST_ID);
      headers.remove(HttpHeaderNames.CACHE_CONTROL);
      headers.set(HttpHeaderNames.SERVER, "llama.cpp");
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "");
      if (type.startsWith("text/event-stream")) {
        headers.set("X-Accel-Buffering", "no");
        headers.set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
      } else if (type.startsWith("application/json")) {
        headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
      }
    }
  };

  abstract void apply(HttpResponse response);
}
