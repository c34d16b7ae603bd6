package onlinebench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.util.List;
import onlinebench.examples.ConversationExampleSimulation;
import onlinebench.gatling.LlmChecks;
import onlinebench.gatling.LlmDsl;
import onlinebench.simulator.Fault;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-written {@link ConversationExampleSimulation} through real Gatling against the
 * simulator: the history carried from turn to turn is seen in what the server was sent, and the
 * scenario's Gatling assertion on the chat entry fails the run when a turn fails. Two small
 * scenarios beside it: a non-streamed answer saved and quoted by the next request, with a check
 * that fails; and a chat action without the llm protocol.
 *
 * <p>The simulator counts prompt tokens by words ({@code PromptCounting.words()}: a run of letters
 * or one punctuation mark each) and answers exactly {@code max_tokens} one-word tokens, so each
 * turn's prompt size says which messages it carried: turn k sends the system message, k - 1 earlier
 * questions and answers, and its own question.
 */
class ConversationExampleIT {
  private static final int SYSTEM_TOKENS = 6; // "You are a terse assistant."
  private static final int QUESTION_TOKENS = 5; // every line of data/questions.csv
  private static final int ANSWER_TOKENS = 32; // the example's maxTokens

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private static int promptOfTurn(int turn) {
    return SYSTEM_TOKENS + turn * QUESTION_TOKENS + (turn - 1) * ANSWER_TOKENS;
  }

  private GatlingRun example(SimulatorServer server, int users) {
    return GatlingRun.against(server)
        .simulation(ConversationExampleSimulation.class)
        .property("users", users)
        .withGatlingConsole()
        .withoutReports()
        .into(dir.resolve("results"));
  }

  @Test
  void laterTurnsCarryTheEarlierQuestionsAndAnswers() throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      run = example(server, 2).run();
      served = server.servedRequests();
    }

    run.assertExitCode(0);
    assertThat(run.stdout())
        .as("the plain http request and both chat entries are in Gatling's stats")
        .containsPattern("> models\\s+\\|\\s+2 ")
        .containsPattern("> chat\\s+\\|\\s+6 ")
        .containsPattern("> chat TTFT\\s+\\|\\s+6 ");
    assertThat(served)
        .as("2 users x 3 turns, each answered in full")
        .hasSize(6)
        .allSatisfy(t -> assertThat(t.completionTokens()).isEqualTo(ANSWER_TOKENS));
    assertThat(served.stream().map(TruthRecord::promptTokens))
        .as("prompt tokens: turn 3 holds turns 1 and 2's questions and answers")
        .containsExactlyInAnyOrder(
            promptOfTurn(1),
            promptOfTurn(1),
            promptOfTurn(2),
            promptOfTurn(2),
            promptOfTurn(3),
            promptOfTurn(3));
  }

  @Test
  void aFailedTurnFailsTheChatAssertionAndLeavesTheHistoryAsItWas() throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      server.enqueue(Fault.SERVER_ERROR);
      run = example(server, 1).run();
      served = server.servedRequests();
    }

    assertThat(run.exitCode())
        .as("Gatling's exit code for failed assertions; stdout:%n%s", run.stdout())
        .isEqualTo(2);
    assertThat(run.stdout())
        .contains("chat: count of failed events is 0.0 : false")
        .as("Gatling's error list names our error kind")
        .contains("http_5xx: HTTP 500");
    assertThat(served).extracting(TruthRecord::status).containsExactly(500, 200, 200);
    assertThat(served.subList(1, 3))
        .extracting(TruthRecord::promptTokens)
        .as("turn 2 asks with the empty history turn 1 left; turn 3 carries turn 2")
        .containsExactly(promptOfTurn(1), promptOfTurn(2));
  }

  /** A scenario with a chat action that forgot the llm protocol. */
  public static class NoProtocolSimulation extends Simulation {
    {
      setUp(
          scenario("forgot")
              .exec(LlmDsl.chat("chat").userMessage("hi").maxTokens(4))
              .injectOpen(atOnceUsers(1)));
    }
  }

  @Test
  void aChatActionWithoutTheLlmProtocolStopsTheRunBeforeAnyRequest() throws Exception {
    GatlingRun.Result run;
    long served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      run = example(server, 1).simulation(NoProtocolSimulation.class).run();
      served = server.requestCount();
    }

    assertThat(run.exitCode()).as("stdout:%n%s", run.stdout()).isNotZero();
    assertThat(run.stdout() + run.stderr())
        .contains("a chat action needs the llm protocol: setUp(...).protocols(LlmDsl.llm()");
    assertThat(served).isZero();
  }

  /** Non-streamed: the first answer is saved, the second request quotes it and fails a check. */
  public static class SavedAnswerSimulation extends Simulation {
    {
      setUp(
              scenario("saved")
                  .exec(
                      LlmDsl.chat("first")
                          .userMessage("Say something")
                          .saveAnswerAs("answer")
                          .check(LlmChecks.answer().contains("quick")))
                  .exec(
                      LlmDsl.chat("second")
                          .userMessage("You said:#{answer}")
                          .check(LlmChecks.answer().contains("no such words")))
                  .injectOpen(atOnceUsers(1)))
          .protocols(
              LlmDsl.llm()
                  .baseUrl(System.getProperty("apiBase"))
                  .model(System.getProperty("model"))
                  .maxTokens(8));
    }
  }

  @Test
  void aSavedNonStreamedAnswerFeedsTheNextRequestAndAFailedCheckIsABadResponse() throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      run = example(server, 1).simulation(SavedAnswerSimulation.class).run();
      served = server.servedRequests();
    }

    assertThat(run.exitCode()).as("stdout:%n%s", run.stdout()).isZero();
    assertThat(served).extracting(TruthRecord::stream).containsExactly(false, false);
    assertThat(served)
        .extracting(TruthRecord::promptTokens)
        .as("\"Say something\", then \"You said:\" (3 tokens) and the 8-token answer")
        .containsExactly(2, 3 + 8);
    assertThat(run.stdout())
        .containsPattern("> first\\s+\\|\\s+1\\s+\\|\\s+1\\s+\\|\\s+0\\R")
        .containsPattern("> second\\s+\\|\\s+1\\s+\\|\\s+0\\s+\\|\\s+1\\R")
        .contains("bad_response: check failed: answer contains \"no such words\", found answer");
  }
}
