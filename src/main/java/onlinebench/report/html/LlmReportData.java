package onlinebench.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import onlinebench.metrics.LatencyDistribution;
import onlinebench.metrics.LatencyDistributions;
import onlinebench.metrics.TimeSeries;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;

/**
 * The one JSON object llm.html draws from: the run's summary.json as written (so every headline
 * figure and the masked configuration are the file's own numbers), the 1-second time series, the
 * latency distributions, and when present the sweep's levels and the SLO results.
 *
 * <p>Keys: {@code summary}, {@code timeSeries} ({@code seconds}, {@code completed}, {@code
 * outputTokens}, {@code totalTokens}, {@code inFlight}, {@code failed}: kind → counts, only kinds
 * that occurred), {@code metrics} (every {@link LatencyMetric}, in order: key, label, title,
 * streamingOnly), {@code latency} (metric key → distribution, only metrics with values), {@code
 * sweep} (levels, only for sweeps), {@code search} (search.json, only for a search), {@code slo}
 * (summary.json's {@code slo}, only when gates were set), {@code server} (the server's own samples,
 * only when its metrics were scraped; added by the run).
 */
public final class LlmReportData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LlmReportData() {}

  /**
   * @param summary the run's summary.json object, exactly as written beside the page
   * @param sweep the levels of a sweep, empty for a single run
   */
  public static ObjectNode of(
      ObjectNode summary,
      TimeSeries.Snapshot series,
      LatencyDistributions latency,
      List<SweepChartPoint> sweep) {
    return of(summary, series, latency, sweep, Optional.empty());
  }

  /**
   * @param search a search's search.json, whose steps the page draws against each gate's figure;
   *     empty when no search ran
   */
  public static ObjectNode of(
      ObjectNode summary,
      TimeSeries.Snapshot series,
      LatencyDistributions latency,
      List<SweepChartPoint> sweep,
      Optional<ObjectNode> search) {
    ObjectNode data = JSON.createObjectNode();
    search.ifPresent(json -> data.set("search", json.deepCopy()));
    data.set("summary", summary.deepCopy());
    data.set("timeSeries", timeSeries(series));
    ArrayNode metrics = data.putArray("metrics");
    ObjectNode distributions = data.putObject("latency");
    for (LatencyMetric metric : LatencyMetric.values()) {
      metrics
          .addObject()
          .put("key", metric.key())
          .put("label", metric.label())
          .put("title", metric.title())
          .put("streamingOnly", metric.streamingOnly());
      distribution(distributions, metric.key(), latency.get(metric));
    }
    if (!sweep.isEmpty()) {
      ArrayNode levels = data.putArray("sweep");
      sweep.forEach(
          level -> levels.addObject().put("label", level.label()).set("summary", level.summary()));
    }
    JsonNode slo = summary.get("slo");
    if (slo != null && !slo.isNull() && !slo.isEmpty()) {
      data.set("slo", slo.deepCopy());
    }
    return data;
  }

  private static ObjectNode timeSeries(TimeSeries.Snapshot s) {
    ObjectNode node = JSON.createObjectNode();
    node.put("bucketSeconds", 1);
    node.put("seconds", s.seconds());
    node.set("completed", JSON.valueToTree(s.completed()));
    node.set("outputTokens", JSON.valueToTree(s.outputTokens()));
    node.set("totalTokens", JSON.valueToTree(s.totalTokens()));
    ArrayNode inFlight = node.putArray("inFlight");
    for (double mean : s.inFlight()) {
      // three decimals are plenty for a chart and keep long runs' pages small
      inFlight.add(Math.round(mean * 1000) / 1000.0);
    }
    ObjectNode failed = node.putObject("failed");
    for (ErrorKind kind : ErrorKind.values()) {
      long[] counts = s.failed().get(kind);
      if (Arrays.stream(counts).anyMatch(c -> c > 0)) {
        failed.set(kind.key(), JSON.valueToTree(counts));
      }
    }
    return node;
  }

  private static void distribution(ObjectNode into, String metric, LatencyDistribution d) {
    if (d != null) {
      into.set(metric, JSON.valueToTree(d));
    }
  }
}
