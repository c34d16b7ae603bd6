package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.core.session.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import onlinebench.config.HarnessLimits;
import onlinebench.config.slo.SloSet;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import onlinebench.report.HistogramsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunTest {
  private static final long MS = 1_000_000;
  private static final LlmProtocol LLM =
      LlmDsl.llm()
          .baseUrl("http://127.0.0.1:8000/v1")
          .apiKey("sk-secret-key-0123456789")
          .model("m")
          .build();

  @TempDir Path folder;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private ScenarioRun run(String slo) {
    return run(slo, Optional.empty());
  }

  private ScenarioRun run(String slo, Optional<Path> requestLog) {
    ScenarioRun run =
        new ScenarioRun(
            ScenarioRun.sloProperty(slo),
            HarnessLimits.DEFAULT,
            requestLog,
            new PrintStream(printed, true, StandardCharsets.UTF_8));
    run.uses(LLM);
    return run;
  }

  /** One user sends one request under {@code name} and exits. */
  private static void oneUser(ScenarioRun run, String name, long out) {
    RequestSink sink = run.sink(name);
    Session session = run.userStarted(Sessions.empty());
    RequestRecord record =
        RequestRecord.completed(0, 100 * MS, OptionalLong.of(10), OptionalLong.of(out)).withTurn(1);
    sink.requestStarting(0);
    sink.record(record);
    run.userExited(UserJourney.answered(session, record));
  }

  private JsonNode summary() throws Exception {
    return new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
  }

  @Test
  void theEndWritesEveryFileAndPrintsTheSummaryOnce() throws Exception {
    ScenarioRun run = run(null);
    oneUser(run, "ask", 20);
    oneUser(run, "summarise", 5);

    assertThat(run.end(() -> Optional.of(folder))).isZero();
    assertThat(run.end(() -> Optional.of(folder))).as("a second end does nothing").isZero();

    assertThat(folder.resolve("summary.csv")).exists();
    assertThat(folder.resolve("llm.html")).exists();
    assertThat(HistogramsFile.read(folder.resolve("histograms.json")).byName().keySet())
        .as("histograms.json holds each name's state, for the merge")
        .containsExactly("ask", "summarise");
    JsonNode summary = summary();
    assertThat(summary.path("total_output_tokens").asLong()).isEqualTo(25);
    assertThat(summary.path("per_request_name").path("ask").path("total_output_tokens").asLong())
        .isEqualTo(20);
    assertThat(summary.path("sessions").path("completed").asLong()).isEqualTo(2);
    assertThat(summary.path("partial").asBoolean()).isFalse();
    assertThat(summary.at("/config/simulation").asText())
        .as("the run folder's simulation, for the merge")
        .isEqualTo(GatlingRunFolder.simulationId(folder));
    String console = printed.toString(StandardCharsets.UTF_8);
    assertThat(console)
        .containsOnlyOnce("=== LLM figures")
        .doesNotContain("sk-secret-key-0123456789");
    assertThat(summary.toString()).doesNotContain("sk-secret-key-0123456789");
  }

  @Test
  void withARequestLogEachLineNamesItsRequestAndTheLogLandsInTheRunFolder() throws Exception {
    Path pending = folder.resolve("elsewhere").resolve(".requests-1.jsonl");
    ScenarioRun run = run(null, Optional.of(pending));
    oneUser(run, "ask", 20);
    oneUser(run, "summarise", 5);

    run.end(() -> Optional.of(folder));

    Path log = folder.resolve("requests.jsonl");
    assertThat(pending).doesNotExist();
    assertThat(log).exists();
    ObjectMapper json = new ObjectMapper();
    assertThat(java.nio.file.Files.readAllLines(log))
        .extracting(line -> json.readTree(line))
        .extracting(
            line -> line.path("request_name").asText() + ":" + line.path("output_tokens").asLong())
        .containsExactly("ask:20", "summarise:5");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("Per-request log: " + log.toAbsolutePath());
  }

  @Test
  void withoutARequestLogNoneIsWritten() {
    ScenarioRun run = run(null);
    oneUser(run, "ask", 20);

    run.end(() -> Optional.of(folder));

    assertThat(folder.resolve("requests.jsonl")).doesNotExist();
  }

  @Test
  void theHarnessVerdictEndsWhenTheLastUserLeftNotAtTheJvmsExit() throws Exception {
    ScenarioRun run = run(null);
    oneUser(run, "ask", 20);
    // after the last user: Gatling writing its report, a collection while the JVM exits
    for (int i = 0; i < 200; i++) {
      run.monitor().recordEventLoopLag(50 * MS);
    }

    run.end(() -> Optional.of(folder));

    assertThat(summary().path("harness").path("lag_samples").asLong()).isZero();
    assertThat(summary().path("harness_saturated").isNull()).as("too short to judge").isTrue();
  }

  @Test
  void aMissedSloAsksForExitCodeTwo() {
    ScenarioRun run = run("output_throughput>1000000");
    oneUser(run, "ask", 20);

    assertThat(run.end(() -> Optional.of(folder))).isEqualTo(ScenarioRun.SLO_FAILED_EXIT_CODE);
  }

  @Test
  void aRunStoppedWhileUsersWereRunningIsPartialAndNotGated() throws Exception {
    ScenarioRun run = run("output_throughput>1000000");
    oneUser(run, "ask", 20);
    run.userStarted(Sessions.empty()); // never exits

    assertThat(run.end(() -> Optional.of(folder))).isZero();
    assertThat(summary().path("partial").asBoolean()).isTrue();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PARTIAL RUN");
  }

  @Test
  void aRunWhoseChatActionsWereNeverBuiltWritesNothing() {
    ScenarioRun run =
        new ScenarioRun(
            SloSet.NONE, HarnessLimits.DEFAULT, Optional.empty(), new PrintStream(printed));

    assertThat(run.end(() -> Optional.of(folder))).isZero();
    assertThat(folder.resolve("summary.json")).doesNotExist();
  }

  @Test
  void aRunWhoseChatActionsWereNeverBuiltLeavesNoLogBehind() {
    Path pending = folder.resolve(".requests-1.jsonl");
    ScenarioRun run =
        new ScenarioRun(
            SloSet.NONE, HarnessLimits.DEFAULT, Optional.of(pending), new PrintStream(printed));

    run.end(() -> Optional.of(folder));

    assertThat(pending).doesNotExist();
    assertThat(folder.resolve("requests.jsonl")).doesNotExist();
  }

  @Test
  void withoutTheRunFolderTheConsoleSaysSo() {
    ScenarioRun run = run(null);
    oneUser(run, "ask", 20);

    run.end(Optional::empty);

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("summary.json not written: Gatling's run folder was not found");
  }

  @Test
  void aMalformedSloIsRefusedInOneLineNamingTheProperty() {
    assertThatThrownBy(() -> ScenarioRun.sloProperty("ttft<<1ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("slo has a malformed clause \"ttft<<1ms\"")
        .hasMessageEndingWith("(-Dslo)")
        .hasMessageNotContaining("\n");
  }
}
