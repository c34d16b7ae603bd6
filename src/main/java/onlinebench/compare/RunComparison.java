package onlinebench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import onlinebench.report.FlatJson;

/**
 * Two summary.json documents side by side: every numeric figure both hold (the configuration and
 * the SLO verdicts excluded, they are not figures of the server), judged by its {@link Direction}.
 *
 * @param metrics in the baseline's order
 * @param notShared numeric figures only one of the runs has (or has as null)
 */
public record RunComparison(
    List<MetricDelta> metrics, List<String> notShared, Tolerance tolerance) {

  public RunComparison {
    metrics = List.copyOf(metrics);
    notShared = List.copyOf(notShared);
  }

  public static RunComparison of(JsonNode baseline, JsonNode current, Tolerance tolerance) {
    Map<String, JsonNode> before = FlatJson.flatten(baseline);
    Map<String, JsonNode> after = FlatJson.flatten(current);
    List<MetricDelta> metrics = new ArrayList<>();
    List<String> notShared = new ArrayList<>();
    before.forEach(
        (key, value) -> {
          if (!figure(key, value)) {
            return;
          }
          JsonNode other = after.get(key);
          if (other == null || !other.isNumber()) {
            notShared.add(key);
            return;
          }
          Direction direction = Direction.of(key);
          double b = value.asDouble();
          double c = other.asDouble();
          metrics.add(new MetricDelta(key, b, c, direction, tolerance.regressed(direction, b, c)));
        });
    after.forEach(
        (key, value) -> {
          JsonNode own = before.get(key);
          if (figure(key, value) && (own == null || !own.isNumber())) {
            notShared.add(key);
          }
        });
    return new RunComparison(metrics, notShared, tolerance);
  }

  private static boolean figure(String key, JsonNode value) {
    return value.isNumber() && !key.startsWith("config.") && !key.startsWith("slo.");
  }

  public List<MetricDelta> regressions() {
    return metrics.stream().filter(MetricDelta::regression).toList();
  }
}
