package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How SLO verdicts and goodput show on the console and in summary.json. */
class SloReportingTest {
  private static final String SLO =
      "ttft.p95<500ms,tpot.p99<1us,e2el.p99<20s,errors<1%,output_throughput>5000,"
          + "ttft<300ms,tpot<25ms,goodput>100,good_request_fraction>=99%";

  @Test
  void printsOneLinePerClauseThenTheVerdict() throws IOException {
    String text =
        ConsoleSummary.render(
            ReportFixtures.summaryWithGoodput(), ReportFixtures.factsWithSlo(SLO));
    ConsoleSummaryTest.assertMatchesGolden(text, "console-summary-slo.txt");
    assertThat(text)
        .contains("PASS  ttft.p95<500ms  ")
        .contains("FAIL  tpot.p99<1us    ")
        .contains("measured 21.00 ms")
        .contains("GOOD  ttft<300ms")
        .contains("Goodput: 111.68 req/s (1000 of 1024 requests met every per-request SLO: 97.7%)")
        .contains("SLO: FAIL (2 of 7 gates failed)");
  }

  @Test
  void printsNoSloBlockWithoutObjectives() {
    String text = ConsoleSummary.render(ReportFixtures.summary(true), ReportFixtures.facts(true));
    assertThat(text).doesNotContain("=== SLO ===").doesNotContain("Goodput");
  }

  @Test
  void writesVerdictsAndGoodputToSummaryJson() {
    ObjectNode json =
        SummaryJson.toJson(
            ReportFixtures.summaryWithGoodput(), ReportFixtures.factsWithSlo(SLO), Instant.EPOCH);
    assertThat(json.get("request_goodput").asDouble()).isEqualTo(1000 / 8.954);
    assertThat(json.get("good_request_fraction").asDouble()).isEqualTo(1000 / 1024.0);
    assertThat(json.get("good_requests").asLong()).isEqualTo(1000);
    JsonNode slo = json.get("slo");
    assertThat(slo.get("passed").asBoolean()).isFalse();
    assertThat(slo.get("clauses")).hasSize(9);
    JsonNode tpot = slo.get("clauses").get(1);
    assertThat(tpot.get("clause").asText()).isEqualTo("tpot.p99<1us");
    assertThat(tpot.get("metric").asText()).isEqualTo("tpot");
    assertThat(tpot.get("stat").asText()).isEqualTo("p99");
    assertThat(tpot.get("comparison").asText()).isEqualTo("<");
    assertThat(tpot.get("threshold").asDouble()).isEqualTo(0.001);
    assertThat(tpot.get("unit").asText()).isEqualTo("ms");
    assertThat(tpot.get("measured").asDouble()).isEqualTo(21.0);
    assertThat(tpot.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(tpot.get("gatling_assertion").asBoolean()).isFalse();
    JsonNode perRequest = slo.get("clauses").get(5);
    assertThat(perRequest.get("verdict").asText()).isEqualTo("PER_REQUEST");
    assertThat(perRequest.get("measured").isNull()).isTrue();
    assertThat(perRequest.get("stat").isNull()).isTrue();
  }

  @Test
  void writesNullsWithoutObjectives() {
    ObjectNode json =
        SummaryJson.toJson(ReportFixtures.summary(true), ReportFixtures.facts(true), Instant.EPOCH);
    assertThat(json.get("slo").isNull()).isTrue();
    assertThat(json.get("request_goodput").isNull()).isTrue();
    assertThat(json.get("good_request_fraction").isNull()).isTrue();
  }
}
