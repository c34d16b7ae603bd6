package onlinebench.merge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.NamedRecorders.Snapshot;
import onlinebench.metrics.Summary;
import onlinebench.report.ScenarioFacts;
import onlinebench.report.ScenarioReport;

/**
 * The merge of several runs of one user-written Simulation, each on its own load generator: the
 * whole runs' histograms added, and each request name's; users summed; the first run's llm protocol
 * settings and {@code -Dslo}, checked on the merged figures.
 */
final class ScenarioMerge {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScenarioMerge() {}

  /** The merged run's facts: users summed, partial if any run was, the worst client's harness. */
  private static ScenarioFacts facts(List<MergeInput> runs) {
    MergeInput first = runs.get(0);
    Map<String, Object> config =
        JSON.convertValue(first.config(), new TypeReference<LinkedHashMap<String, Object>>() {});
    String slo = first.config().path("slo").asText("(none)");
    return new ScenarioFacts(
        first.summary().path("model_id").asText(),
        config,
        runs.stream().mapToLong(r -> r.summary().path("users").asLong()).sum(),
        MergeInput.anyPartial(runs),
        slo.equals("(none)") ? SloSet.NONE : sloOf(slo, first),
        MergedFacts.harness(runs));
  }

  /**
   * Prints the merged run's console summary (the user-written Simulation's form) and returns its
   * summary.json, which names the run folders it came from.
   */
  static ObjectNode render(
      Snapshot histograms, List<MergeInput> runs, Instant now, PrintStream out) {
    Summary all = histograms.all().summary();
    Map<String, Summary> byName = histograms.summariesByName();
    ScenarioFacts facts = facts(runs);
    out.print(ScenarioReport.console(all, byName, facts));
    ObjectNode json = ScenarioReport.json(all, byName, facts, now);
    ArrayNode from = json.putArray("merged_from");
    runs.forEach(r -> from.add(r.folder().toAbsolutePath().toString()));
    return json;
  }

  private static SloSet sloOf(String text, MergeInput run) {
    try {
      return SloSet.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the slo in " + run.folder() + "/summary.json cannot be read: " + e.getMessage(), e);
    }
  }
}
