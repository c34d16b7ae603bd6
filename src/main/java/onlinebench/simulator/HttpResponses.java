package onlinebench.simulator;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/** Builds the simulator's HTTP responses; headers as vLLM sends them. */
final class HttpResponses {

  static final String REQUEST_ID = "x-request-id";

  private HttpResponses() {}

  static FullHttpResponse json(HttpResponseStatus status, byte[] body, @Nullable String requestId) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    HttpUtil.setContentLength(response, body.length);
    if (requestId != null) {
      response.headers().set(REQUEST_ID, requestId);
    }
    return response;
  }

  /** {@code error} as the family of {@code style} reports it (see {@link ErrorStyle#adapt}). */
  static FullHttpResponse error(ErrorStyle style, OpenAiError error, @Nullable String requestId) {
    OpenAiError adapted = style.adapt(error);
    return json(adapted.status(), style.body(adapted), requestId);
  }

  /** Headers of a body sent in parts: Content-Length says {@code contentLength}. */
  static HttpResponse jsonHeaders(int contentLength, String requestId) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    HttpUtil.setContentLength(response, contentLength);
    response.headers().set(REQUEST_ID, requestId);
    return response;
  }

  /** Headers of a streamed response; the body follows as chunks. */
  static HttpResponse eventStream(String requestId) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
    response.headers().set(REQUEST_ID, requestId);
    HttpUtil.setTransferEncodingChunked(response, true);
    return response;
  }
}
