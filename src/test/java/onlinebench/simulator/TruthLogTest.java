package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.streamingBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground-truth JSONL: one line per chat request, with the simulator's own write times. */
class TruthLogTest {

  private static final long MS = 1_000_000;
  private static final Duration TTFT = Duration.ofMillis(20);
  private static final Duration ITL = Duration.ofMillis(5);

  @TempDir Path dir;

  private static Map<String, JsonNode> linesById(Path log) throws Exception {
    List<String> lines = Files.readAllLines(log);
    return lines.stream()
        .map(SimulatorClient::json)
        .collect(Collectors.toMap(l -> l.get("id").asText(), Function.identity()));
  }

  private static long[] longs(JsonNode array) {
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asLong();
    }
    return values;
  }

  @Test
  void writesOneLinePerChatRequestWithEachTokenWriteTime() throws Exception {
    Path log = dir.resolve("truth.jsonl");
    long sentNanos;
    long receivedNanos;
    try (SimulatorServer server =
        SimulatorServer.start(SimulatorConfig.defaults().withDelays(TTFT, ITL).withTruthLog(log))) {
      sentNanos = System.nanoTime();
      postChat(server, streamingBody("simulated-llm", 5, true)); // chatcmpl-sim-1
      receivedNanos = System.nanoTime();
      postChat(server, chatBody("simulated-llm", "one two three").put("max_tokens", 3)); // -2
      postChat(server, chatBody("no-such-model", "hi")); // -3
    }

    Map<String, JsonNode> lines = linesById(log);
    assertThat(lines).containsOnlyKeys("chatcmpl-sim-1", "chatcmpl-sim-2", "chatcmpl-sim-3");

    JsonNode stream = lines.get("chatcmpl-sim-1");
    assertThat(stream.get("status").asInt()).isEqualTo(200);
    assertThat(stream.get("stream").asBoolean()).isTrue();
    assertThat(stream.get("prompt_tokens").asInt()).isEqualTo(5);
    assertThat(stream.get("completion_tokens").asInt()).isEqualTo(5);
    assertThat(stream.get("aborted").asBoolean()).isFalse();
    long arrival = stream.get("arrival_nanos").asLong();
    assertThat(arrival)
        .as("arrival is on this JVM's nanoTime clock")
        .isBetween(sentNanos, receivedNanos);
    long[] chunks = longs(stream.get("chunk_nanos"));
    assertThat(chunks).hasSize(5);
    for (int i = 0; i < chunks.length; i++) {
      long due = TTFT.toNanos() + i * ITL.toNanos();
      // Never early; late only by scheduling, which reached 115 ms on a shared 2-core machine
      // running other builds (load average 10), so the bound only catches a token gone astray.
      assertThat(chunks[i] - arrival)
          .as(
              "token %d written %.2f ms after arrival, due at %d ms",
              i, (chunks[i] - arrival) / 1e6, due / MS)
          .isBetween(due, due + 400 * MS);
    }
    // No upper bound from the client's clock: the client may read the last bytes before the
    // server's thread takes its "after the last write" reading.
    assertThat(stream.get("end_nanos").asLong()).isGreaterThanOrEqualTo(chunks[4]);

    JsonNode plain = lines.get("chatcmpl-sim-2");
    assertThat(plain.get("stream").asBoolean()).isFalse();
    assertThat(plain.get("prompt_tokens").asInt()).isEqualTo(3);
    assertThat(plain.get("completion_tokens").asInt()).isEqualTo(3);
    long[] bodyWrite = longs(plain.get("chunk_nanos"));
    assertThat(bodyWrite).as("one write for the whole body").hasSize(1);
    assertThat(bodyWrite[0] - plain.get("arrival_nanos").asLong())
        .isGreaterThanOrEqualTo(TTFT.toNanos() + 2 * ITL.toNanos());

    assertThat(lines.get("chatcmpl-sim-3"))
        .isEqualTo(
            json(
                "{\"id\":\"chatcmpl-sim-3\",\"arrival_nanos\":"
                    + lines.get("chatcmpl-sim-3").get("arrival_nanos")
                    + ",\"status\":404,\"stream\":null,\"prompt_tokens\":null,\"completion_tokens\":0,"
                    + "\"chunk_nanos\":[],\"end_nanos\":"
                    + lines.get("chatcmpl-sim-3").get("end_nanos")
                    + ",\"aborted\":false,\"fault\":null,\"queued_nanos\":0,\"finish_reason\":null,"
                    + "\"reasoning_tokens\":0,\"tool_call\":false,\"cached_tokens\":0,\"tool_results\":0}"));
  }

  @Test
  void streamCutByTheClientIsLoggedAsAbortedWithTheTokensSent() throws Exception {
    Path log = dir.resolve("truth.jsonl");
    try (SimulatorServer server =
            SimulatorServer.start(
                SimulatorConfig.defaults()
                    .withDelays(Duration.ZERO, Duration.ofMillis(50))
                    .withTruthLog(log));
        Socket socket = new Socket("127.0.0.1", server.port())) {
      byte[] body = streamingBody("simulated-llm", 100, false).toString().getBytes(US_ASCII);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(US_ASCII));
      out.write(body);
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.contains("\"content\":\" the\""));
      assertThat(line).as("first token arrived").isNotNull();
    } // the socket closes first, then the server: either way the stream is cut after a few tokens

    JsonNode record = linesById(log).get("chatcmpl-sim-1");
    assertThat(record.get("aborted").asBoolean()).isTrue();
    assertThat(record.get("completion_tokens").asInt()).isBetween(1, 99);
    assertThat(record.get("chunk_nanos")).hasSize(record.get("completion_tokens").asInt());
  }

  @Test
  void wholeDeliveryLogsOneTimePerTokenAllEqual() throws Exception {
    Path log = dir.resolve("truth.jsonl");
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelivery(Delivery.WHOLE).withTruthLog(log))) {
      postChat(server, streamingBody("simulated-llm", 4, true));
    }

    long[] chunks = longs(linesById(log).get("chatcmpl-sim-1").get("chunk_nanos"));
    assertThat(chunks).hasSize(4).containsOnly(chunks[0]);
  }
}
