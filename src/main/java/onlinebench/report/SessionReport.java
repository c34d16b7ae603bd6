package onlinebench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.PrefixCacheTotals;
import onlinebench.metrics.SessionStats;
import onlinebench.metrics.Summary;
import onlinebench.metrics.TurnStats;
import org.jspecify.annotations.Nullable;

/**
 * Sessions and the prefix cache in the summary: summary.json's {@code sessions}, {@code per_turn},
 * {@code total_cached_tokens} and {@code prefix_cache_hit_rate}, and their console lines. What the
 * server did not report is null (JSON) or "not reported" (console), never 0.
 */
final class SessionReport {
  private SessionReport() {}

  /** Adds the keys to summary.json's root. */
  static void json(ObjectNode root, Summary s) {
    cacheJson(root, s);
    SessionStats sessions = s.sessions();
    if (sessions == null) {
      root.putNull("sessions");
      root.putNull("per_turn");
      return;
    }
    ObjectNode node = root.putObject("sessions");
    node.put("completed", sessions.completed());
    node.put("failed", sessions.failed());
    put(node, "mean_turns", nan(sessions.meanTurns()));
    node.put("tool_call_turns", sessions.toolCallTurns());
    latency(node, "duration", sessions.duration());
    ArrayNode perTurn = root.putArray("per_turn");
    for (TurnStats t : sessions.perTurn()) {
      ObjectNode turn = perTurn.addObject();
      turn.put("turn", t.turn());
      turn.put("requests", t.requests());
      put(turn, "median_ttft_ms", Optional.ofNullable(t.ttft()).map(LatencyStats::medianMs));
      put(turn, "p99_ttft_ms", Optional.ofNullable(t.ttft()).map(LatencyStats::p99Ms));
      put(turn, "median_e2el_ms", Optional.ofNullable(t.e2el()).map(LatencyStats::medianMs));
      put(turn, "p99_e2el_ms", Optional.ofNullable(t.e2el()).map(LatencyStats::p99Ms));
      put(turn, "mean_prompt_tokens", Optional.ofNullable(t.meanPromptTokens()));
      put(turn, "mean_cached_tokens", Optional.ofNullable(t.meanCachedTokens()));
    }
  }

  /**
   * The prefix cache alone: {@code total_cached_tokens} and {@code prefix_cache_hit_rate}, figures
   * of requests rather than of sessions.
   */
  static void cacheJson(ObjectNode root, Summary s) {
    PrefixCacheTotals cache = s.prefixCache();
    OptionalLong cached = cache.totalCachedTokens();
    if (cached.isPresent()) {
      root.put("total_cached_tokens", cached.getAsLong());
    } else {
      root.putNull("total_cached_tokens");
    }
    put(root, "prefix_cache_hit_rate", cache.hitRate());
  }

  /** The console's sessions line, when the run had sessions; then the prefix cache line. */
  static void console(StringBuilder out, Summary s) {
    SessionStats sessions = s.sessions();
    if (sessions != null) {
      LatencyStats d = sessions.duration();
      out.append(
          String.format(
              Locale.ROOT,
              "Sessions: %d completed, %d failed, %s turns each, duration p50 %s p99 %s%n",
              sessions.completed(),
              sessions.failed(),
              Double.isNaN(sessions.meanTurns())
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.2f", sessions.meanTurns()),
              seconds(d == null ? null : d.medianMs()),
              seconds(d == null ? null : d.p99Ms())));
      if (sessions.toolCallTurns() > 0) {
        out.append(
            String.format(
                Locale.ROOT,
                "Tool calls: %d turns answered with tool calls%n",
                sessions.toolCallTurns()));
      }
    }
    PrefixCacheTotals cache = s.prefixCache();
    OptionalDouble rate = cache.hitRate();
    if (rate.isPresent()) {
      out.append(
          String.format(
              Locale.ROOT,
              "Prefix cache: %.1f%% of prompt tokens cached (%d of %d, in the %d answers that said)%n",
              100 * rate.getAsDouble(),
              cache.cachedTokens(),
              cache.promptTokens(),
              cache.requests()));
    } else if (sessions != null) {
      out.append("Prefix cache: not reported by the server (no usage.prompt_tokens_details)\n");
    }
  }

  private static String seconds(@Nullable Double ms) {
    return ms == null ? "n/a" : String.format(Locale.ROOT, "%.3fs", ms / 1000);
  }

  private static void latency(ObjectNode node, String name, @Nullable LatencyStats stats) {
    LatencyStats.JSON_STATS.forEach(
        (stat, read) ->
            put(
                node,
                LatencyStats.jsonKey(stat, name),
                stats == null ? Optional.empty() : Optional.of(read.applyAsDouble(stats))));
  }

  private static Optional<Double> nan(double value) {
    return Double.isNaN(value) ? Optional.empty() : Optional.of(value);
  }

  private static void put(ObjectNode node, String key, OptionalDouble value) {
    put(node, key, value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty());
  }

  private static void put(ObjectNode node, String key, Optional<Double> value) {
    if (value.isPresent()) {
      node.put(key, value.get());
    } else {
      node.putNull(key);
    }
  }
}
