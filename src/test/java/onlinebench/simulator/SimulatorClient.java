package onlinebench.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test helper: the JDK client against a {@link SimulatorServer}, and SSE/JSON parsing with Jackson.
 */
final class SimulatorClient {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final String DONE = "[DONE]";

  private SimulatorClient() {}

  /** A chat body with one user message; more fields can be put on the returned node. */
  static ObjectNode chatBody(String model, String prompt) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", model);
    body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    return body;
  }

  static ObjectNode streamingBody(String model, int maxTokens, boolean includeUsage) {
    ObjectNode body =
        chatBody(model, "Tell me a story.").put("max_tokens", maxTokens).put("stream", true);
    if (includeUsage) {
      body.putObject("stream_options").put("include_usage", true);
    }
    return body;
  }

  /** A legacy completions body with a prompt string; more fields can be put on it. */
  static ObjectNode completionBody(String model, String prompt) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", model);
    body.put("prompt", prompt);
    return body;
  }

  static HttpResponse<String> postCompletion(SimulatorServer server, JsonNode body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(server.url("completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest chatRequest(SimulatorServer server, String body, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(server.url("chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder.build();
  }

  static HttpResponse<String> postChat(SimulatorServer server, String body, String... headers)
      throws IOException, InterruptedException {
    return HTTP.send(chatRequest(server, body, headers), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> postChat(SimulatorServer server, JsonNode body, String... headers)
      throws IOException, InterruptedException {
    return postChat(server, body.toString(), headers);
  }

  /**
   * A response whose body may have ended early: status and headers, the body bytes as far as they
   * arrived, and the failure that ended it (null when it ended well).
   */
  record PartialResponse(int statusCode, HttpHeaders headers, byte[] bytes, Throwable failure) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    List<String> lines() {
      return text().lines().toList();
    }
  }

  /**
   * Sends and keeps every body byte as it arrives, even when the connection then fails. The JDK's
   * {@code ofLines}, {@code ofInputStream} and {@code ofString} report a premature close as an
   * exception that drops what was received but not yet read (its input stream checks for the
   * failure before its queued buffers), and {@code send} itself may throw instead of completing the
   * body: so what a cut answer delivered would depend on races with the client's threads.
   */
  static PartialResponse sendKeepingPartialBody(HttpRequest request)
      throws IOException, InterruptedException {
    KeepingSubscriber subscriber = new KeepingSubscriber();
    AtomicReference<HttpResponse.ResponseInfo> head = new AtomicReference<>();
    Throwable sendFailure = null;
    try {
      HTTP.send(
          request,
          info -> {
            head.set(info);
            return subscriber;
          });
    } catch (IOException e) {
      if (head.get() == null) {
        throw e; // failed before the headers: not a partial body
      }
      sendFailure = e;
    }
    KeptBody body;
    try {
      // Every onNext happens before the subscriber's onError, which the client calls either way.
      body = subscriber.body.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the body subscriber never completed", e);
    }
    Throwable failure = body.failure() != null ? body.failure() : sendFailure;
    return new PartialResponse(
        head.get().statusCode(), head.get().headers(), body.bytes(), failure);
  }

  private record KeptBody(byte[] bytes, Throwable failure) {}

  private static final class KeepingSubscriber implements HttpResponse.BodySubscriber<KeptBody> {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<KeptBody> body = new CompletableFuture<>();

    @Override
    public CompletionStage<KeptBody> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        received.writeBytes(bytes);
      }
    }

    @Override
    public synchronized void onError(Throwable failure) {
      body.complete(new KeptBody(received.toByteArray(), failure));
    }

    @Override
    public synchronized void onComplete() {
      body.complete(new KeptBody(received.toByteArray(), null));
    }
  }

  static HttpResponse<String> send(String method, URI uri, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Takes the next {@code n} served requests from the server's memory ({@link
   * SimulatorServer#takeRequest()}, waiting for each), by completion id.
   */
  static java.util.Map<String, TruthRecord> takeById(SimulatorServer server, int n)
      throws InterruptedException {
    java.util.Map<String, TruthRecord> byId = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      TruthRecord record = server.takeRequest();
      byId.put(record.id(), record);
    }
    return byId;
  }

  static long[] longs(JsonNode array) {
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asLong();
    }
    return values;
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not valid JSON: " + text, e);
    }
  }

  /**
   * The {@code data:} payloads of an SSE body, in order; checks every frame is {@code data:
   * ...\n\n} and the last is {@code [DONE]}, then returns the JSON ones parsed.
   */
  static List<JsonNode> jsonFrames(String sseBody) {
    assertThat(sseBody).as("SSE body").endsWith("data: [DONE]\n\n");
    String[] frames = sseBody.substring(0, sseBody.length() - 2).split("\n\n", -1);
    List<JsonNode> json = new ArrayList<>();
    for (int i = 0; i < frames.length; i++) {
      assertThat(frames[i]).as("frame %d", i).startsWith("data: ").doesNotContain("\n");
      String payload = frames[i].substring("data: ".length());
      if (i == frames.length - 1) {
        assertThat(payload).isEqualTo(DONE);
      } else {
        json.add(json(payload));
      }
    }
    return json;
  }
}
