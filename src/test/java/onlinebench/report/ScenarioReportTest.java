package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.HarnessCheck;
import onlinebench.metrics.Summary;
import org.junit.jupiter.api.Test;

class ScenarioReportTest {
  private static ScenarioFacts facts(String slo) {
    return facts(slo, ReportFixtures.harness());
  }

  private static ScenarioFacts facts(String slo, HarnessCheck harness) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", "m");
    config.put("apiKey", "sk-...cdef");
    return new ScenarioFacts("m", config, 3, false, SloSet.parse(slo), harness);
  }

  private static Map<String, Summary> byName() {
    Map<String, Summary> names = new LinkedHashMap<>();
    names.put("ask", ReportFixtures.summary(true));
    names.put("summarise", ReportFixtures.summary(false));
    return names;
  }

  @Test
  void eachRequestNameHasTheRequestKeysOfTheWholeRun() {
    ObjectNode json =
        ScenarioReport.json(ReportFixtures.summary(true), byName(), facts(""), Instant.EPOCH);

    JsonNode names = json.path("per_request_name");
    assertThat(names.fieldNames()).toIterable().containsExactly("ask", "summarise");
    ObjectNode requestKeys = new ObjectMapper().createObjectNode();
    SummaryJson.requestFigures(requestKeys, ReportFixtures.summary(true));
    List<String> expected = new ArrayList<>();
    requestKeys.fieldNames().forEachRemaining(expected::add);
    assertThat(names.path("ask").fieldNames())
        .toIterable()
        .containsAll(expected)
        .contains("total_cached_tokens", "mean_output_tokens", "estimated_output_token_requests")
        .as("sessions belong to the whole run")
        .doesNotContain("sessions", "per_turn");
    assertThat(names.path("ask").path("completed").asLong())
        .isEqualTo(ReportFixtures.summary(true).completed());
    assertThat(json.path("users").asLong()).isEqualTo(3);
    assertThat(json.path("model_id").asText()).isEqualTo("m");
    assertThat(json.has("sessions")).isTrue();
    assertThat(json.path("slo").isNull()).as("no -Dslo").isTrue();
  }

  @Test
  void theConsoleHasOneLinePerRequestNameAndTheSloVerdicts() {
    String console =
        ScenarioReport.console(
            ReportFixtures.summary(true), byName(), facts("ttft.p95<1ms,errors<50%"));

    assertThat(console)
        .contains("=== Per request name ===")
        .containsPattern("(?m)^ask        ok/err \\d+/\\d+ .*TTFT p50 ")
        .containsPattern("(?m)^summarise  ok/err ")
        .contains("FAIL  ttft.p95<1ms")
        .as("a user Simulation's SLOs are not Gatling assertions")
        .doesNotContain("also a Gatling assertion")
        .contains("apiKey: sk-...cdef");
  }

  @Test
  void anSloInTheJsonIsNotAGatlingAssertion() {
    ObjectNode json =
        ScenarioReport.json(
            ReportFixtures.summary(true), byName(), facts("errors<50%"), Instant.EPOCH);

    assertThat(json.path("slo").path("clauses").get(0).path("gatling_assertion").asBoolean())
        .isFalse();
  }

  @Test
  void theHarnessCheckCoversEventLoopsAndCpuButNotTheUsersOwnPauses() {
    ObjectNode json =
        ScenarioReport.json(ReportFixtures.summary(true), byName(), facts(""), Instant.EPOCH);
    String console = ScenarioReport.console(ReportFixtures.summary(true), byName(), facts(""));

    assertThat(json.path("harness_saturated").asBoolean()).isFalse();
    assertThat(json.path("harness").path("verdict").asText()).isEqualTo("not_a_limit");
    assertThat(json.path("harness").path("lag_samples").asLong()).isEqualTo(1200);
    assertThat(json.path("harness").path("turnaround_p99_ms").isNull())
        .as("a scenario's pauses between chat requests are its own")
        .isTrue();
    assertThat(console)
        .contains(
            "Harness: event-loop lag p99 0.42 ms (max 3.10), CPU 35% of 2 cores (the Gatling"
                + " process): not a limit")
        .doesNotContain("turnaround");
  }

  @Test
  void aSaturatedHarnessWarnsThatTheFiguresAreTheClients() {
    HarnessCheck saturated =
        new HarnessCheck(
            25.0, 80.0, 600, 0, 0.97, 2, List.of("the process used 97% of 2 cores (limit 90%)"));
    ObjectNode json =
        ScenarioReport.json(
            ReportFixtures.summary(true), byName(), facts("", saturated), Instant.EPOCH);
    String console =
        ScenarioReport.console(ReportFixtures.summary(true), byName(), facts("", saturated));

    assertThat(json.path("harness_saturated").asBoolean()).isTrue();
    assertThat(json.path("harness").path("saturation_reasons").get(0).asText())
        .isEqualTo("the process used 97% of 2 cores (limit 90%)");
    assertThat(console)
        .contains(
            "WARNING: the harness was a limit; these figures are bounded by the client, not the"
                + " server: the process used 97% of 2 cores (limit 90%)");
  }
}
