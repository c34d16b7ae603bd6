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
import onlinebench.metrics.Summary;
import org.junit.jupiter.api.Test;

class ScenarioReportTest {
  private static ScenarioFacts facts(String slo) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", "m");
    config.put("apiKey", "sk-...cdef");
    return new ScenarioFacts("m", config, 3, false, SloSet.parse(slo));
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
}
