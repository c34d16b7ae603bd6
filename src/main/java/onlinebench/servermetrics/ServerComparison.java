package onlinebench.servermetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The server's view of the measured phase beside ours: summary.json's {@code server} object and the
 * console's one line. Gauges (running, waiting, KV cache) are read from the samples taken during
 * the measured phase; counters and the TTFT histogram are differences between the two samples that
 * bracket it (the last at or before its first send, the first at or after its last end), so they
 * cover the measured phase and whatever else the server did meanwhile, never the totals since the
 * server started.
 */
public final class ServerComparison {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double[] PERCENTILES = {50, 90, 95, 99};
  private static final String[] PERCENTILE_KEYS = {"median", "p90", "p95", "p99"};

  private ServerComparison() {}

  /**
   * @param samples every sample, in order
   * @param firstSendNanos the measured phase's first send
   * @param lastEndNanos the measured phase's last end
   * @param summaryJson our summary.json, whose token totals and TTFT percentiles are set beside the
   *     server's
   */
  public static ObjectNode json(
      List<ServerSample> samples,
      long firstSendNanos,
      long lastEndNanos,
      long failures,
      JsonNode summaryJson) {
    ObjectNode server = JSON.createObjectNode();
    List<ServerSample> during =
        samples.stream()
            .filter(s -> s.nanos() >= firstSendNanos && s.nanos() <= lastEndNanos)
            .toList();
    ServerSample before = null;
    ServerSample after = null;
    for (ServerSample s : samples) {
      if (s.nanos() <= firstSendNanos) {
        before = s;
      }
      if (after == null && s.nanos() >= lastEndNanos) {
        after = s;
      }
    }
    server.put("samples", during.size());
    server.put("scrape_failures", failures);
    gauge(server, during, ServerFamilies.RUNNING, "running");
    gauge(server, during, ServerFamilies.WAITING, "waiting");
    OptionalDouble kv =
        during.stream()
            .map(s -> s.get(ServerFamilies.KV_CACHE_USAGE))
            .filter(OptionalDouble::isPresent)
            .mapToDouble(OptionalDouble::getAsDouble)
            .max();
    put(server, "max_kv_cache_usage", kv);
    boolean bracketed = before != null && after != null;
    server.put(
        "window_start_offset_s", bracketed ? seconds(before.nanos() - firstSendNanos) : null);
    server.put("window_end_offset_s", bracketed ? seconds(after.nanos() - firstSendNanos) : null);
    tokens(
        server,
        before,
        after,
        ServerFamilies.PROMPT_TOKENS,
        "prompt",
        summaryJson,
        "total_input_tokens");
    tokens(
        server,
        before,
        after,
        ServerFamilies.GENERATION_TOKENS,
        "generation",
        summaryJson,
        "total_output_tokens");
    ttft(server, before, after, summaryJson);
    return server;
  }

  /** The console's line about the server, from its summary.json object. */
  public static String consoleLine(JsonNode server) {
    List<String> parts = new ArrayList<>();
    List<String> gauges = new ArrayList<>();
    for (String gauge : new String[] {"running", "waiting"}) {
      if (server.path("mean_" + gauge).isNumber()) {
        gauges.add(
            String.format(
                Locale.ROOT,
                "%s mean %.1f max %.0f",
                gauge,
                server.get("mean_" + gauge).asDouble(),
                server.get("max_" + gauge).asDouble()));
      }
    }
    if (server.path("max_kv_cache_usage").isNumber()) {
      gauges.add(
          String.format(
              Locale.ROOT,
              "KV cache max %.0f%%",
              100 * server.get("max_kv_cache_usage").asDouble()));
    }
    if (server.path("samples").asLong() == 0) {
      parts.add("no sample within the measured phase");
    } else if (!gauges.isEmpty()) {
      parts.add(String.join(", ", gauges));
    }
    for (String kind : new String[] {"prompt", "generation"}) {
      JsonNode theirs = server.path(kind + "_tokens");
      if (theirs.isNumber()) {
        parts.add(
            String.format(
                Locale.ROOT,
                "%s tokens %d (ours %d, %+d)",
                kind,
                theirs.asLong(),
                server.get("client_" + kind + "_tokens").asLong(),
                server.get(kind + "_tokens_difference").asLong()));
      }
    }
    if (server.path("median_ttft_ms").isNumber()
        && server.path("client_median_ttft_ms").isNumber()) {
      parts.add(
          String.format(
              Locale.ROOT,
              "TTFT median %.1f ms (ours %.1f ms)",
              server.get("median_ttft_ms").asDouble(),
              server.get("client_median_ttft_ms").asDouble()));
    }
    return "Server (its /metrics): " + String.join("; ", parts);
  }

  private static void gauge(
      ObjectNode server, List<ServerSample> during, String common, String key) {
    double[] values =
        during.stream()
            .map(s -> s.get(common))
            .filter(OptionalDouble::isPresent)
            .mapToDouble(OptionalDouble::getAsDouble)
            .toArray();
    if (values.length == 0) {
      server.putNull("mean_" + key);
      server.putNull("max_" + key);
      return;
    }
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sum += v;
      max = Math.max(max, v);
    }
    server.put("mean_" + key, sum / values.length);
    server.put("max_" + key, max);
  }

  private static void tokens(
      ObjectNode server,
      ServerSample before,
      ServerSample after,
      String common,
      String kind,
      JsonNode summaryJson,
      String ourKey) {
    long ours = summaryJson.path(ourKey).asLong();
    server.put("client_" + kind + "_tokens", ours);
    if (before == null
        || after == null
        || before.get(common).isEmpty()
        || after.get(common).isEmpty()) {
      server.putNull(kind + "_tokens");
      server.putNull(kind + "_tokens_difference");
      return;
    }
    long theirs = Math.round(after.get(common).getAsDouble() - before.get(common).getAsDouble());
    server.put(kind + "_tokens", theirs);
    server.put(kind + "_tokens_difference", theirs - ours);
  }

  private static void ttft(
      ObjectNode server, ServerSample before, ServerSample after, JsonNode summaryJson) {
    SortedMap<Double, Double> delta = new TreeMap<>();
    if (before != null && after != null) {
      for (Map.Entry<Double, Double> bucket : after.ttftBuckets().entrySet()) {
        double earlier = before.ttftBuckets().getOrDefault(bucket.getKey(), 0.0);
        delta.put(bucket.getKey(), bucket.getValue() - earlier);
      }
    }
    double count = delta.isEmpty() ? 0 : delta.get(delta.lastKey());
    server.put("ttft_requests", delta.isEmpty() ? null : Math.round(count));
    for (int i = 0; i < PERCENTILES.length; i++) {
      String key = PERCENTILE_KEYS[i] + "_ttft_ms";
      OptionalDouble seconds =
          count > 0 ? BucketQuantile.of(delta, PERCENTILES[i] / 100) : OptionalDouble.empty();
      put(
          server,
          key,
          seconds.isPresent() ? OptionalDouble.of(seconds.getAsDouble() * 1000) : seconds);
      JsonNode ours = summaryJson.path(key);
      server.set("client_" + key, ours.isNumber() ? ours : JSON.nullNode());
    }
  }

  private static void put(ObjectNode node, String key, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(key, value.getAsDouble());
    } else {
      node.putNull(key);
    }
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e6) / 1e3;
  }
}
