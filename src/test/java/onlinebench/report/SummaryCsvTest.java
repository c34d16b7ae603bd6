package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryCsvTest {
  @TempDir Path dir;

  private static ObjectNode summaryJson() {
    return SummaryJson.toJson(
        ReportFixtures.summaryWithGoodput(),
        ReportFixtures.factsWithSlo("e2el.p99<2s,ttft<300ms,goodput>1"),
        Instant.EPOCH);
  }

  /** Reads the two RFC 4180 rows back into header → value. */
  private static Map<String, String> read(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++; // the \n
      } else {
        cell.append(c);
      }
    }
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).hasSameSizeAs(rows.get(1));
    Map<String, String> byKey = new LinkedHashMap<>();
    for (int i = 0; i < rows.get(0).size(); i++) {
      assertThat(byKey.put(rows.get(0).get(i), rows.get(1).get(i))).isNull();
    }
    return byKey;
  }

  @Test
  void holdsEveryNumericFigureOfSummaryJsonWithTheSameValue() throws IOException {
    ObjectNode json = summaryJson();
    Path file = SummaryCsv.write(dir, json);
    assertThat(file.getFileName().toString()).isEqualTo("summary.csv");
    Map<String, String> csv = read(Files.readString(file));
    int numeric = 0;
    for (Map.Entry<String, JsonNode> leaf : FlatJson.flatten(json).entrySet()) {
      if (leaf.getValue().isNumber()) {
        numeric++;
        assertThat(csv).containsKey(leaf.getKey());
        assertThat(Double.parseDouble(csv.get(leaf.getKey())))
            .as(leaf.getKey())
            .isEqualTo(leaf.getValue().asDouble());
      }
    }
    assertThat(numeric).isGreaterThan(60);
    // spot checks against the JSON document itself, nested keys flattened with dots
    assertThat(csv.get("completed")).isEqualTo("1021");
    assertThat(csv.get("p99_ttft_ms")).isEqualTo("210.25");
    assertThat(csv.get("errors.http_5xx")).isEqualTo("2");
    assertThat(csv.get("harness.cores")).isEqualTo("2");
    assertThat(csv.get("request_goodput")).isEqualTo(json.get("request_goodput").asText());
    assertThat(csv.get("slo.clauses.0.measured")).isEqualTo("1400.7");
    assertThat(csv.get("slo.passed")).isEqualTo("true");
  }

  @Test
  void writesNullAsAnEmptyCellAndQuotesCommas() {
    ObjectNode json = new ObjectMapper().createObjectNode();
    json.putNull("mean_ttft_ms");
    json.put("model_id", "a,\"b\"");
    json.putArray("saturation_reasons").add("lag").add("cpu");
    assertThat(SummaryCsv.toCsv(json))
        .isEqualTo("mean_ttft_ms,model_id,saturation_reasons\r\n,\"a,\"\"b\"\"\",lag; cpu\r\n");
  }

  @Test
  void flattensNestedObjectsWithDots() {
    Map<String, String> csv = read(SummaryCsv.toCsv(summaryJson()));
    assertThat(csv.keySet())
        .contains(
            "errors.http_4xx",
            "errors.bad_response",
            "harness.event_loop_lag_p99_ms",
            "harness.saturation_reasons",
            "config.model",
            "slo.clauses.1.verdict");
    assertThat(csv.get("config.apiKey")).isEqualTo("sk-****89");
  }
}
