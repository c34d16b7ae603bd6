package onlinebench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onlinebench.gatling.LlmChecks;
import onlinebench.gatling.LlmDsl;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code completion("name")} in a user-written scenario, through real Gatling against the
 * simulator's {@code /v1/completions}: a streamed completion whose answer is saved, then a plain
 * one whose prompt quotes that answer and whose check fails. The simulator counts prompt tokens by
 * words (a run of letters or one punctuation mark each) and answers exactly {@code max_tokens}
 * one-word tokens of its fixed sentence, so each prompt's size says what it carried.
 */
class CompletionScenarioIT {
  private static final int ANSWER_TOKENS = 8;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** Streamed, saved and checked; then plain, quoting the saved answer, with a failing check. */
  public static class TwoCompletionsSimulation extends Simulation {
    {
      setUp(
              scenario("complete")
                  .exec(session -> session.set("hero", "Ada"))
                  .exec(
                      LlmDsl.completion("story").prompt("Once upon a time #{hero}").stream()
                          .saveAnswerAs("story")
                          .check(LlmChecks.answer().contains("quick")))
                  .exec(
                      LlmDsl.completion("retell")
                          .prompt(session -> "Again:" + session.getString("story"))
                          .extraBody(Map.of("temperature", 0))
                          .check(LlmChecks.answer().contains("no such words")))
                  .injectOpen(atOnceUsers(1)))
          .protocols(
              LlmDsl.llm()
                  .baseUrl(System.getProperty("apiBase"))
                  .model(System.getProperty("model"))
                  .maxTokens(ANSWER_TOKENS))
          .assertions(details("story").failedRequests().count().is(0L));
    }
  }

  @Test
  void completionsGoToTheLegacyEndpointWithTheirPromptAndAnswerText() throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      run =
          GatlingRun.against(server)
              .simulation(TwoCompletionsSimulation.class)
              .withGatlingConsole()
              .withoutReports()
              .into(dir.resolve("results"))
              .run();
      served = server.servedRequests();
    }

    assertThat(run.exitCode())
        .as("the assertion on the saved completion holds; stdout:%n%s", run.stdout())
        .isZero();
    assertThat(served)
        .as("both requests reached /v1/completions, whose ids the simulator marks")
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.id()).startsWith("cmpl-sim-"))
        .allSatisfy(t -> assertThat(t.completionTokens()).isEqualTo(ANSWER_TOKENS));
    assertThat(served).extracting(TruthRecord::stream).containsExactly(true, false);
    assertThat(served)
        .extracting(TruthRecord::promptTokens)
        .as("\"Once upon a time Ada\"; then \"Again\", \":\" and the saved 8-token answer")
        .containsExactly(5, 2 + ANSWER_TOKENS);
    assertThat(run.stdout())
        .containsPattern("> story\\s+\\|\\s+1\\s+\\|\\s+1\\s+\\|\\s+0\\R")
        .containsPattern("> story TTFT\\s+\\|\\s+1\\s+\\|\\s+1\\s+\\|\\s+0\\R")
        .containsPattern("> retell\\s+\\|\\s+1\\s+\\|\\s+0\\s+\\|\\s+1\\R")
        .doesNotContain("retell TTFT")
        .contains("bad_response: check failed: answer contains \"no such words\", found answer");
  }
}
