package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchReportTest {
  private static final SearchFixtures.Finished BOUNDARY_2 = SearchFixtures.run(c -> c <= 2);

  @Test
  void csvHasOneRowPerStepWithItsLevelPhaseVerdictAndEverySloFigure() {
    List<String> csv =
        SearchReport.csv(BOUNDARY_2.search(), BOUNDARY_2.steps(), SearchFixtures.SLO)
            .lines()
            .toList();

    assertThat(csv)
        .containsExactly(
            "step,concurrency,phase,passed,completed,failed,error_percent,request_throughput,"
                + "output_throughput,total_token_throughput,request_goodput,good_request_fraction,"
                + "p99_tpot_ms,why_failed",
            "1,1,bracket,true,1021.0000,3.0000,0.2930,114.0300,116763.9000,233527.8000,"
                + "111.6819,0.9766,21.0000,",
            "2,2,bracket,true,1021.0000,3.0000,0.2930,114.0300,116763.9000,233527.8000,"
                + "111.6819,0.9766,21.0000,",
            "3,4,bracket,false,1021.0000,3.0000,0.2930,114.0300,116763.9000,233527.8000,"
                + "111.6819,0.9766,21.0000,tpot.p99<25ms measured 31.50",
            "4,3,bisect,false,1021.0000,3.0000,0.2930,114.0300,116763.9000,233527.8000,"
                + "111.6819,0.9766,21.0000,tpot.p99<25ms measured 31.50",
            "5,2,recheck,true,1021.0000,3.0000,0.2930,114.0300,116763.9000,233527.8000,"
                + "111.6819,0.9766,21.0000,");
  }

  @Test
  void jsonNamesWhatWasSearchedTheBoundaryAndEveryStep() {
    JsonNode json = SearchReport.json(BOUNDARY_2.search(), BOUNDARY_2.steps(), SearchFixtures.SLO);

    assertThat(json.get("parameter").asText()).isEqualTo("concurrency");
    assertThat(json.get("slo").asText()).isEqualTo("tpot.p99<25ms,ttft<300ms");
    assertThat(json.get("boundary").asDouble()).isEqualTo(2);
    assertThat(json.get("reached_max").asBoolean()).isFalse();
    assertThat(json.get("steps")).hasSize(5);
    JsonNode failed = json.get("steps").get(2);
    assertThat(failed.get("concurrency").asDouble()).isEqualTo(4);
    assertThat(failed.get("passed").asBoolean()).isFalse();
    assertThat(failed.get("p99_tpot_ms").asDouble()).isEqualTo(21.0);
    assertThat(failed.get("why_failed").asText()).isEqualTo("tpot.p99<25ms measured 31.50");
    assertThat(json.get("steps").get(0).get("why_failed").isNull()).isTrue();
  }

  @Test
  void answersWithTheRecheckedBoundaryAndItsFigures() {
    assertThat(SearchReport.answer(BOUNDARY_2.search(), BOUNDARY_2.steps()))
        .isEqualTo(
            "Highest concurrency that met every SLO clause: 2 (re-checked, within 1):"
                + " tpot.p99<25ms measured 21.00, goodput 111.68 req/s, 114.03 req/s");
  }

  @Test
  void saysSearchMaxWasReachedWhenEveryLevelPassed() {
    SearchFixtures.Finished all = SearchFixtures.run(c -> true);

    assertThat(SearchReport.answer(all.search(), all.steps()))
        .startsWith("Highest concurrency that met every SLO clause: 4 ")
        .endsWith("; that is -DsearchMax: the server may take more, raise it to look higher");
  }

  @Test
  void answersThatNoLevelPassedWithTheLowestLevelsMiss() {
    SearchFixtures.Finished none = SearchFixtures.run(c -> false);

    assertThat(SearchReport.answer(none.search(), none.steps()))
        .isEqualTo(
            "No concurrency met every SLO clause: the lowest, 1, missed: tpot.p99<25ms measured"
                + " 31.50");
    assertThat(
            SearchReport.json(none.search(), none.steps(), SearchFixtures.SLO)
                .get("boundary")
                .isNull())
        .isTrue();
  }

  @Test
  void consoleTableHasARowPerStepAndEndsWithTheAnswer() {
    String table = SearchReport.table(BOUNDARY_2.search(), BOUNDARY_2.steps(), SearchFixtures.SLO);

    assertThat(table)
        .startsWith(
            "=== Search: highest concurrency meeting tpot.p99<25ms,ttft<300ms (1 to 4, within 1):"
                + " 5 steps ===")
        .contains("   3 bracket            4          21.00")
        .contains("missed: tpot.p99<25ms measured 31.50")
        .endsWith(SearchReport.answer(BOUNDARY_2.search(), BOUNDARY_2.steps()) + "\n");
    assertThat(table.lines()).hasSize(1 + 1 + 5 + 1);
  }
}
