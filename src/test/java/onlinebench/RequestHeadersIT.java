package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes on the wire, seen by a server that is not ours (the JDK's own HTTP server): the headers
 * the OpenAI API reference shows, and a stream request answered with plain JSON counted as what it
 * is.
 */
class RequestHeadersIT {
  private static final String MODELS =
      "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"object\":\"model\"}]}";
  private static final String ANSWER =
      "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"a b\"},\"finish_reason\":\"length\"}],"
          + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
  private static final String STREAM =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"
          + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
          + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" b\"}}]}\n\n"
          + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
          + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}\n\n"
          + "data: [DONE]\n\n";

  /** One chat request's headers as the server saw them. */
  record Seen(String contentType, String accept, String userAgent) {}

  @TempDir Path results;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/models", exchange -> answer(exchange, "application/json", MODELS));
    server.createContext("/v1/chat/completions", exchange -> chat(exchange, true));
    server.createContext("/json-only/v1/models", e -> answer(e, "application/json", MODELS));
    server.createContext("/json-only/v1/chat/completions", exchange -> chat(exchange, false));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void chat(HttpExchange exchange, boolean streamsWhenAsked) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    boolean probe = body.contains("\"max_tokens\":1,") || body.contains("\"max_tokens\":1}");
    if (!probe) {
      seen.add(
          new Seen(
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("Accept"),
              exchange.getRequestHeaders().getFirst("User-Agent")));
    }
    boolean stream = RunFiles.JSON.readTree(body).path("stream").asBoolean(false);
    if (stream && streamsWhenAsked) {
      answer(exchange, "text/event-stream; charset=utf-8", STREAM);
    } else {
      answer(exchange, "application/json", ANSWER);
    }
  }

  private static void answer(HttpExchange exchange, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private GatlingRun.Result run(String path, boolean stream) throws Exception {
    return GatlingRun.against(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .withoutSelfWarmup()
        .property("model", "m")
        .property("stream", stream)
        .property("totalRequests", 6)
        .property("concurrency", 2)
        .property("warmupRequests", 0)
        .property("outputTokens", 2)
        .into(results.resolve(stream ? "streamed" : "plain"))
        .run();
  }

  @Test
  void everyRequestSaysItSendsJsonWhatItAcceptsAndWhoSendsIt() throws Exception {
    GatlingRun.Result plain = run("/v1", false);
    assertThat(plain.exitCode()).as(plain.stdout() + plain.stderr()).isZero();
    assertThat(seen).hasSize(6);
    assertThat(seen)
        .allSatisfy(
            s -> {
              assertThat(s.contentType()).isEqualTo("application/json");
              assertThat(s.accept()).isEqualTo("application/json");
              assertThat(s.userAgent()).matches("online-bench-openai/\\d+\\.\\d+\\.\\d+.*");
            });

    seen.clear();
    GatlingRun.Result streamed = run("/v1", true);
    assertThat(streamed.exitCode()).as(streamed.stdout() + streamed.stderr()).isZero();
    assertThat(seen).hasSize(6);
    assertThat(seen).allSatisfy(s -> assertThat(s.accept()).isEqualTo("text/event-stream"));
    assertThat(streamed.summary().path("completed").asLong()).isEqualTo(6);
  }

  @Test
  void streamRequestAnsweredWithPlainJsonIsABadResponseNamingWhatCame() throws Exception {
    GatlingRun.Result r = run("/json-only/v1", true);

    JsonNode summary = r.summary();
    assertThat(summary.path("completed").asLong()).isZero();
    assertThat(summary.path("failed").asLong()).isEqualTo(6);
    assertThat(summary.path("errors").path("bad_response").asLong()).isEqualTo(6);
    assertThat(r.stdout())
        .contains("asked for a stream, got HTTP 200 application/json: {\"id\":\"c\"");
  }
}
