package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import onlinebench.examples.RagExampleSimulation;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-written {@link RagExampleSimulation} through real Gatling: a search stub started here
 * answers each question with a passage, and the simulator sees that passage in every chat request's
 * prompt (it counts prompt tokens by words, so the count says what was sent). Our summary.json has
 * the chat step's figures under its name, matching the simulator's truth, and one session per user.
 */
class RagExampleIT {
  private static final String PASSAGE = "Everest rises highest of all mountains";
  private static final int USERS = 4;
  // "Answer from this passage only:" (5 words and a colon) + the passage (6) + a question (5)
  private static final int PROMPT_TOKENS = 6 + 6 + 5;
  private static final List<String> QUESTIONS =
      List.of(
          "What is the tallest mountain",
          "Which river is the longest",
          "Who wrote the first novel",
          "Where is the largest desert");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private HttpServer search;
  private final Queue<String> searched = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void startSearchStub() throws Exception {
    search = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    search.createContext(
        "/search",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          searched.add(URLDecoder.decode(query.substring("q=".length()), StandardCharsets.UTF_8));
          byte[] body =
              ("{\"passages\":[{\"text\":\"" + PASSAGE + "\"}]}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    search.start();
  }

  @AfterEach
  void stopSearchStub() {
    search.stop(0);
  }

  @Test
  void everyAnswerIsAskedWithThePassageTheSearchReturned() throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      run =
          GatlingRun.against(server)
              .simulation(RagExampleSimulation.class)
              .property("users", USERS)
              .property("searchBase", "http://127.0.0.1:" + search.getAddress().getPort())
              .withGatlingConsole()
              .withoutReports()
              .into(dir.resolve("results"))
              .run();
      served = server.servedRequests();
    }

    run.assertExitCode(0);
    assertThat(run.stdout())
        .as("both steps are in Gatling's stats, the chat with its TTFT entry")
        .containsPattern("> search\\s+\\|\\s+" + USERS + " ")
        .containsPattern("> answer\\s+\\|\\s+" + USERS + " ")
        .containsPattern("> answer TTFT\\s+\\|\\s+" + USERS + " ");
    assertThat(searched).as("one search per user, for a question of the feeder").hasSize(USERS);
    assertThat(searched).allSatisfy(q -> assertThat(q).isIn(QUESTIONS));
    assertThat(served)
        .as("one answer per user, each asked with the passage: its prompt size says so")
        .hasSize(USERS)
        .allSatisfy(t -> assertThat(t.promptTokens()).isEqualTo(PROMPT_TOKENS));

    JsonNode summary = run.summary();
    assertThat(summary.path("per_request_name").fieldNames())
        .toIterable()
        .as("our figures cover the chat step; the search is a plain Gatling request")
        .containsExactly("answer");
    JsonNode answer = summary.path("per_request_name").path("answer");
    assertThat(answer.path("completed").asLong()).isEqualTo(USERS);
    assertThat(answer.path("total_input_tokens").asLong())
        .as("input tokens: the simulator's truth")
        .isEqualTo(served.stream().mapToLong(TruthRecord::promptTokens).sum());
    assertThat(answer.path("total_output_tokens").asLong())
        .as("output tokens: the simulator's truth")
        .isEqualTo(served.stream().mapToLong(TruthRecord::completionTokens).sum());
    assertThat(
            summary.path("sessions").path("completed").asLong()
                + summary.path("sessions").path("failed").asLong())
        .as("one session per virtual user")
        .isEqualTo(USERS);
    assertThat(summary.path("per_turn"))
        .as("one chat request per user: one turn")
        .singleElement()
        .satisfies(t -> assertThat(t.path("requests").asLong()).isEqualTo(USERS));
  }
}
