package onlinebench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import onlinebench.gatling.LlmDsl;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat action inside Gatling's own structure, through real Gatling against the simulator: a
 * {@code group}, two {@code doIf}s (one taken, one not) and closed injection, with Gatling
 * assertions on the grouped entries. The issue asks that it work "with everything Gatling has"; the
 * examples cover {@code repeat}, {@code pause}, feeders, {@code http(..)} and open injection.
 */
class GatlingComposesIT {
  private static final int CONCURRENT_USERS = 2;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  /** Each user asks inside a group, follows up when a session flag says so, never otherwise. */
  public static class GroupedClosedSimulation extends Simulation {
    {
      setUp(
              scenario("grouped")
                  .exec(session -> session.set("curious", true))
                  .group("ask")
                  .on(exec(LlmDsl.chat("question").userMessage("What is a token?").stream()))
                  .doIf("#{curious}")
                  .then(exec(LlmDsl.chat("follow-up").userMessage("And a prefix?")))
                  .doIf(session -> !session.getBoolean("curious"))
                  .then(exec(LlmDsl.chat("never").userMessage("Unreachable")))
                  .injectClosed(
                      constantConcurrentUsers(CONCURRENT_USERS).during(Duration.ofSeconds(2))))
          .protocols(
              LlmDsl.llm()
                  .baseUrl(System.getProperty("apiBase"))
                  .model(System.getProperty("model"))
                  .maxTokens(4))
          .assertions(
              details("ask", "question").failedRequests().count().is(0L),
              details("ask", "question TTFT").successfulRequests().percent().is(100.0),
              details("follow-up").failedRequests().count().is(0L));
    }
  }

  @Test
  void aGroupedChatUnderClosedInjectionIsRecordedByNameAndAssertedByGatling() throws Exception {
    GatlingRun.Result run;
    long served;
    try (SimulatorServer server = SimulatorServer.start(SimulatorConfig.fast())) {
      run =
          GatlingRun.against(server)
              .simulation(GroupedClosedSimulation.class)
              .withGatlingConsole()
              .withoutReports()
              .property("requestLog", true)
              .into(dir.resolve("results"))
              .run();
      served = server.requestCount();
    }

    run.assertExitCode(0);
    assertThat(run.stdout())
        .as("Gatling checked its assertions on the grouped entries")
        .contains("ask / question: count of failed events is 0.0 : true")
        .contains("ask / question TTFT: percentage of successful events is 100.0 : true")
        .contains("follow-up: count of failed events is 0.0 : true");
    JsonNode summary = run.summary();
    long users = summary.path("users").asLong();
    assertThat(users)
        .as("closed injection: %d users at a time for 2 s, each replaced on exit", CONCURRENT_USERS)
        .isGreaterThan(CONCURRENT_USERS);
    JsonNode names = summary.path("per_request_name");
    assertThat(names.fieldNames())
        .toIterable()
        .as("the untaken doIf sent nothing")
        .containsExactly("question", "follow-up");
    assertThat(names.path("question").path("completed").asLong()).isEqualTo(users);
    assertThat(names.path("follow-up").path("completed").asLong()).isEqualTo(users);
    assertThat(names.path("question").path("median_ttft_ms").isNumber()).isTrue();
    assertThat(served).as("every chat request the server saw is counted").isEqualTo(2 * users);
    assertThat(summary.path("sessions").path("completed").asLong()).isEqualTo(users);
    assertThat(summary.path("per_turn"))
        .extracting(t -> t.path("turn").asInt() + ":" + t.path("requests").asLong())
        .containsExactly("1:" + users, "2:" + users);
    assertThat(run.requests())
        .as("-DrequestLog: one line per chat request, each with its request name and turn")
        .hasSize((int) (2 * users))
        .extracting(l -> l.path("request_name").asText() + ":" + l.path("turn").asInt())
        .containsOnly("question:1", "follow-up:2");
  }
}
