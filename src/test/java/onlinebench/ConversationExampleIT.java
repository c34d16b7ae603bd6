package onlinebench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import onlinebench.examples.ConversationExampleSimulation;
import onlinebench.gatling.LlmChecks;
import onlinebench.gatling.LlmDsl;
import onlinebench.simulator.Conversations;
import onlinebench.simulator.Fault;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import onlinebench.simulator.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user-written {@link ConversationExampleSimulation} through real Gatling against the
 * simulator: the history carried from turn to turn is seen in what the server was sent, and the
 * scenario's Gatling assertion on the chat entry fails the run when a turn fails. Two small
 * scenarios beside it: a non-streamed answer saved and quoted by the next request, with a check
 * that fails; and a chat action without the llm protocol. Our summary.json of the run has the chat
 * name's figures, matching the simulator's truth, one session per user and one entry per turn; an
 * SLO the run misses exits with 2.
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

    JsonNode summary = run.summary();
    JsonNode chat = summary.path("per_request_name").path("chat");
    assertThat(summary.path("per_request_name").size())
        .as("one entry per chat action name; the plain http request is Gatling's only")
        .isEqualTo(1);
    assertThat(chat.path("completed").asLong()).isEqualTo(6);
    assertThat(chat.path("failed").asLong()).isZero();
    assertThat(chat.path("total_input_tokens").asLong())
        .as("input tokens: the simulator's truth")
        .isEqualTo(served.stream().mapToLong(TruthRecord::promptTokens).sum());
    assertThat(chat.path("total_output_tokens").asLong())
        .as("output tokens: the simulator's truth")
        .isEqualTo(served.stream().mapToLong(TruthRecord::completionTokens).sum());
    assertThat(chat.path("median_ttft_ms").isNumber()).as("streamed: TTFT measured").isTrue();
    assertThat(summary.path("total_output_tokens").asLong())
        .as("the whole run: every name together")
        .isEqualTo(chat.path("total_output_tokens").asLong());
    assertThat(summary.path("users").asLong()).isEqualTo(2);
    assertThat(summary.path("sessions").path("completed").asLong())
        .as("one session per virtual user, none failed")
        .isEqualTo(2);
    assertThat(summary.path("sessions").path("failed").asLong()).isZero();
    assertThat(summary.path("sessions").path("mean_turns").asDouble()).isEqualTo(3.0);
    assertThat(summary.path("per_turn"))
        .as("one entry per turn, each turn's prompt the simulator's count")
        .hasSize(3);
    for (int turn = 1; turn <= 3; turn++) {
      JsonNode t = summary.path("per_turn").get(turn - 1);
      assertThat(t.path("turn").asInt()).isEqualTo(turn);
      assertThat(t.path("requests").asLong()).isEqualTo(2);
      assertThat(t.path("mean_prompt_tokens").asDouble()).isEqualTo(promptOfTurn(turn));
    }
    assertThat(summary.path("prefix_cache_hit_rate").isNull())
        .as("the simulator without its prefix cache reports no cached tokens: not 0%")
        .isTrue();
    assertThat(run.stdout())
        .as("the console summary has one line per request name")
        .contains("=== Per request name ===")
        .containsPattern("(?m)^chat  ok/err 6/0 ");
    assertThat(run.file("summary.csv")).exists();
    assertThat(run.file("llm.html")).content().contains("By request name");
    JsonNode harness = summary.path("harness");
    assertThat(harness.path("lag_samples").asLong())
        .as("the event-loop probe ran on Gatling's loops during the scenario")
        .isPositive();
    assertThat(harness.path("cores").asInt()).isPositive();
    assertThat(harness.path("cpu_share").asDouble())
        .as("the process's CPU over the users' run: some, and at most every core")
        .isGreaterThan(0.0)
        .isLessThanOrEqualTo(1.0);
    assertThat(harness.path("turnaround_p99_ms").isNull()).isTrue();
    assertThat(run.stdout()).containsPattern("Harness: event-loop lag p99 [0-9.]+ ms");
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

    JsonNode summary = run.summary();
    assertThat(
            summary.path("per_request_name").path("chat").path("errors").path("http_5xx").asLong())
        .isEqualTo(1);
    assertThat(summary.path("sessions").path("failed").asLong())
        .as("the user's journey had a failed request: one failed session")
        .isEqualTo(1);
    assertThat(summary.path("sessions").path("completed").asLong()).isZero();
    assertThat(summary.path("per_turn"))
        .as("a conversation's turn is its history's: the failed first turn, asked again, is turn 1")
        .extracting(t -> t.path("turn").asInt() + ":" + t.path("requests").asLong())
        .containsExactly("1:2", "2:1");
  }

  @Test
  void withTheServersPrefixCacheEachTurnReportsTheCachedTokensItSent() throws Exception {
    GatlingRun.Result run;
    List<TruthRecord> served;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast().withConversations(new Conversations(0, true, 4, 1024)))) {
      run = example(server, 2).run();
      served = server.servedRequests();
    }

    assertThat(run.exitCode()).as("stdout:%n%s", run.stdout()).isZero();
    JsonNode summary = run.summary();
    long cached = served.stream().mapToLong(TruthRecord::cachedTokens).sum();
    long prompt = served.stream().mapToLong(TruthRecord::promptTokens).sum();
    assertThat(cached)
        .as("later turns repeat earlier prompts: the server cached some")
        .isPositive();
    assertThat(summary.path("total_cached_tokens").asLong())
        .as("cached tokens: the simulator's truth")
        .isEqualTo(cached);
    assertThat(summary.path("prefix_cache_hit_rate").asDouble())
        .as("token-weighted: cached over prompt tokens")
        .isEqualTo((double) cached / prompt);
    for (int turn = 1; turn <= 3; turn++) {
      int size = promptOfTurn(turn);
      double truth =
          served.stream()
              .filter(t -> t.promptTokens() == size)
              .mapToLong(TruthRecord::cachedTokens)
              .average()
              .orElseThrow();
      assertThat(summary.path("per_turn").get(turn - 1).path("mean_cached_tokens").asDouble())
          .as("turn %d's mean cached tokens", turn)
          .isEqualTo(truth);
    }
  }

  @Test
  void aMissedSloExitsWithTwoThoughGatlingsOwnAssertionHolds() throws Exception {
    GatlingRun.Result run;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      // no server reaches a billion tokens a second; errors<1% holds
      run = example(server, 1).property("slo", "output_throughput>1000000000,errors<1%").run();
    }

    assertThat(run.exitCode()).as("stdout:%n%s", run.stdout()).isEqualTo(2);
    assertThat(run.stdout())
        .contains("chat: count of failed events is 0.0 : true")
        .containsPattern("FAIL  output_throughput>1000000000 +measured")
        .contains("SLO: FAIL (1 of 2 gates failed)");
    JsonNode slo = run.summary().path("slo");
    assertThat(slo.path("passed").asBoolean()).isFalse();
    assertThat(slo.path("clauses").get(0).path("gatling_assertion").asBoolean())
        .as("a user Simulation's SLOs are ours, not Gatling assertions")
        .isFalse();
  }

  /** Bad values of the properties a user-written Simulation reads, and the line each gets. */
  static Stream<Arguments> badProperties() {
    return Stream.of(
        Arguments.of("slo", "ttft.p99<<1ms", "slo has a malformed clause \"ttft.p99<<1ms\""),
        Arguments.of(
            "harnessCpuLimit",
            "90",
            "harnessCpuLimit must be a number > 0 and <= 1, got \"90\" (-DharnessCpuLimit)"),
        Arguments.of(
            "requestLog", "yes", "requestLog must be true or false, got \"yes\" (-DrequestLog)"));
  }

  @ParameterizedTest(name = "-D{0}={1}")
  @MethodSource("badProperties")
  void aBadPropertyStopsTheRunBeforeAnyRequest(String property, String value, String line)
      throws Exception {
    GatlingRun.Result run;
    long served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      run = example(server, 1).property(property, value).run();
      served = server.requestCount();
    }

    assertThat(run.exitCode()).as("stdout:%n%s", run.stdout()).isNotZero();
    assertThat(run.stdout() + run.stderr()).contains(line).contains("(-D" + property + ")");
    assertThat(served).isZero();
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
