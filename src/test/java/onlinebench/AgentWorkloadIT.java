package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in {@code -Dworkload=agent} through real Gatling against the simulator, which answers
 * half the requests offering tools with a tool call (its default {@code sim.toolCallShare}, drawn
 * per request from its seed) and refuses with a 400 any request that leaves a call without its
 * {@code tool} message. Every session is a task: a question, then one results request per call,
 * until a text answer or the turn limit; the summary's sessions and tool-call turns add up to what
 * the simulator's truth records say it served.
 */
class AgentWorkloadIT {
  private static final int SESSIONS = 8;
  private static final int TURNS = 5;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @ParameterizedTest(name = "stream={0}")
  @ValueSource(booleans = {true, false})
  void everyToolCallTurnIsCountedAndAnsweredAndNoTurnIsLost(boolean stream) throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      run =
          GatlingRun.against(server)
              .property("workload", "agent")
              .property("turns", TURNS)
              .property("toolTime", "20ms")
              .property("sessions", SESSIONS)
              .property("concurrency", 2)
              .property("systemPromptTokens", 16)
              .property("promptTokens", 12)
              .property("outputTokens", 8)
              .property("stream", stream)
              // only the sessions reach the simulator, so its truth records are theirs alone
              .property("warmupRequests", 0)
              .property("preflight", false)
              .withoutReports()
              .into(dir.resolve("results-" + stream))
              .run();
      served = server.servedRequests();
    }

    assertThat(run.exitCode())
        .as("exit code; stdout:%n%s%nstderr:%n%s", run.stdout(), run.stderr())
        .isZero();
    assertThat(served)
        .as("every request answered: none left a tool call without its result")
        .allSatisfy(t -> assertThat(t.status()).isEqualTo(200));
    long calls = served.stream().filter(TruthRecord::toolCall).count();
    long texts = served.size() - calls;
    long results = served.stream().filter(t -> t.toolResults() > 0).count();
    assertThat(served.stream().filter(t -> t.toolResults() > 0))
        .as("one result per call: the simulator makes one call per answer")
        .allSatisfy(t -> assertThat(t.toolResults()).isEqualTo(1));
    assertThat(served.size() - results).as("one question per session").isEqualTo(SESSIONS);
    assertThat(texts)
        .as("a session ends at its first text answer, so at most one each")
        .isLessThanOrEqualTo(SESSIONS);
    assertThat(calls - results)
        .as("calls left unanswered: only by sessions that reached the turn limit instead")
        .isEqualTo(SESSIONS - texts);
    assertThat(results).as("the seeded share gave some calls").isPositive();

    JsonNode summary = run.summary();
    assertThat(summary.get("completed").asLong()).isEqualTo(served.size());
    assertThat(summary.get("failed").asLong()).isZero();
    JsonNode sessions = summary.get("sessions");
    assertThat(sessions.get("completed").asLong() + sessions.get("failed").asLong())
        .as("sessions completed + failed = started")
        .isEqualTo(SESSIONS);
    assertThat(sessions.get("tool_call_turns").asLong())
        .as("tool-call turns: the simulator's own count")
        .isEqualTo(calls);
    assertThat(sessions.get("mean_turns").asDouble() * SESSIONS)
        .as("no turn lost: the sessions' turns are every request served")
        .isEqualTo((double) served.size());
    long perTurnRequests = 0;
    for (JsonNode turn : summary.get("per_turn")) {
      perTurnRequests += turn.get("requests").asLong();
    }
    assertThat(perTurnRequests).isEqualTo(served.size());
    assertThat(run.stdout()).contains("Tool calls: " + calls + " turns answered with tool calls");
  }
}
