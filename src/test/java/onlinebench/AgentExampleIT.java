package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import onlinebench.examples.AgentExampleSimulation;
import onlinebench.simulator.Conversations;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The user-written {@link AgentExampleSimulation} through real Gatling against the simulator, which
 * answers a request that offers tools with a tool call on a seeded share of requests ({@code
 * sim.toolCallShare}), and refuses with OpenAI's 400 any request whose tool calls are not answered
 * by tool messages naming their ids. So a run where every request got a 200 sent the assistant's
 * calls back in OpenAI's shape and answered each one; the truth records count the tool messages
 * that ended each request.
 */
class AgentExampleIT {
  private static final int USERS = 4;
  private static final int MAX_ROUNDS = 3; // the example's limit of tool-result rounds

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private record Outcome(GatlingRun.Result run, List<TruthRecord> served) {}

  private Outcome run(double toolCallShare, boolean stream) throws Exception {
    SimulatorConfig config =
        SimulatorConfig.fast()
            .withConversations(Conversations.defaults().withToolCallShare(toolCallShare));
    try (SimulatorServer server = SimulatorServer.start(config)) {
      GatlingRun.Result run =
          GatlingRun.against(server)
              .simulation(AgentExampleSimulation.class)
              .property("users", USERS)
              .property("stream", stream)
              // our gatling.conf writes no console block; the entries are read from Gatling's own
              .property("gatling.data.writers.0", "console")
              .property("gatling.data.writers.1", "file")
              .withoutReports()
              .into(dir.resolve("results-" + toolCallShare + "-" + stream))
              .run();
      return new Outcome(run, server.servedRequests());
    }
  }

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {true, false})
  void everyToolCallIsAnsweredWithItsResultUntilTheRoundLimit(boolean stream) throws Exception {
    Outcome o = run(1.0, stream);

    assertThat(o.run.exitCode())
        .as("exit code; stdout:%n%s%nstderr:%n%s", o.run.stdout(), o.run.stderr())
        .isZero();
    assertThat(o.served)
        .as("each user: the question, then three rounds of results, every answer a call")
        .hasSize(USERS * (1 + MAX_ROUNDS))
        .allSatisfy(t -> assertThat(t.status()).isEqualTo(200))
        .allSatisfy(t -> assertThat(t.toolCall()).isTrue());
    assertThat(o.served.stream().filter(t -> t.toolResults() == 1).count())
        .as("every request after a call brought one tool message, the call's result")
        .isEqualTo(USERS * MAX_ROUNDS);
    assertThat(o.run.stdout())
        .containsPattern("> agent\\s+\\|\\s+" + USERS + " ")
        .containsPattern("> agent tool results\\s+\\|\\s+" + USERS * MAX_ROUNDS + " ");
    if (stream) {
      assertThat(o.run.stdout())
          .as("a streamed tool call has a first token: its name")
          .containsPattern("> agent TTFT\\s+\\|\\s+" + USERS + " ");
    }
    JsonNode summary = o.run.summary();
    assertThat(summary.path("per_request_name").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("agent", "agent tool results");
    assertThat(summary.path("per_request_name").path("agent").path("completed").asLong())
        .isEqualTo(USERS);
    assertThat(
            summary.path("per_request_name").path("agent tool results").path("completed").asLong())
        .isEqualTo(USERS * MAX_ROUNDS);
    assertThat(summary.path("total_output_tokens").asLong())
        .as("output tokens of both names: the simulator's truth")
        .isEqualTo(o.served.stream().mapToLong(TruthRecord::completionTokens).sum());
    assertThat(summary.path("sessions").path("completed").asLong())
        .as("one session per virtual user, none failed")
        .isEqualTo(USERS);
    assertThat(summary.path("sessions").path("failed").asLong()).isZero();
    assertThat(summary.path("per_turn"))
        .as("the question, then one turn per round of results")
        .hasSize(1 + MAX_ROUNDS)
        .allSatisfy(t -> assertThat(t.path("requests").asLong()).isEqualTo(USERS));
  }

  @Test
  void theLoopEndsAtTheFirstTextAnswer() throws Exception {
    Outcome o = run(0.5, true);

    assertThat(o.run.exitCode()).as("stdout:%n%s", o.run.stdout()).isZero();
    assertThat(o.served).allSatisfy(t -> assertThat(t.status()).isEqualTo(200));
    long calls = o.served.stream().filter(TruthRecord::toolCall).count();
    long texts = o.served.size() - calls;
    long results = o.served.stream().filter(t -> t.toolResults() > 0).count();
    long questions = o.served.size() - results;
    assertThat(questions).as("one question per user").isEqualTo(USERS);
    assertThat(calls - results)
        .as("calls left unanswered: only by users who hit the round limit instead of a text answer")
        .isEqualTo(USERS - texts)
        .isBetween(0L, (long) USERS);
    assertThat(results).as("some calls were answered: the seeded share is one half").isPositive();
  }
}
