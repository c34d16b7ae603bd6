package onlinebench.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.DataFormatException;
import onlinebench.record.ErrorKind;
import onlinebench.record.LatencyMetric;
import org.HdrHistogram.Histogram;

/**
 * A {@link RecorderState} as JSON, for histograms.json: every histogram in HdrHistogram's
 * compressed encoding, base64, and every counter under a plain name. Reading back gives a state
 * whose {@link RecorderState#summary()} is the same as the original's.
 */
public final class RecorderStateJson {
  /** Names the layout, so a later change can be told apart. */
  public static final String FORMAT = "online-bench-openai/recorder-state/4";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] COUNTERS = {
    "started",
    "completed",
    "failed",
    "input_tokens",
    "output_tokens",
    "missing_usage",
    "estimated_output_tokens",
    "usage_chunk_mismatches",
    "connection_retries",
    "in_flight_at_end",
    "late_tickets"
  };

  private RecorderStateJson() {}

  public static ObjectNode toJson(RecorderState s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put(
        "histogram_encoding",
        "HdrHistogram compressed (encodeIntoCompressedByteBuffer), base64; latencies in ns,"
            + " request_output_rate in tokens/s x "
            + (long) RateStats.SCALE);
    putOptional(root, "first_send_epoch_ns", s.firstSendEpochNanos());
    putOptional(root, "last_end_epoch_ns", s.lastEndEpochNanos());
    ObjectNode counters = root.putObject("counters");
    long[] values = {
      s.started(),
      s.completed(),
      s.failed(),
      s.inputTokens(),
      s.outputTokens(),
      s.missingUsage(),
      s.estimatedOutputTokens(),
      s.usageChunkMismatches(),
      s.connectionRetries(),
      s.inFlightAtEnd(),
      s.lateTickets()
    };
    for (int i = 0; i < COUNTERS.length; i++) {
      counters.put(COUNTERS[i], values[i]);
    }
    putOptional(counters, "good_requests", s.goodRequests());
    ObjectNode errors = root.putObject("errors");
    for (ErrorKind kind : ErrorKind.values()) {
      errors.put(kind.key(), s.errors().get(kind));
    }
    LengthTotals l = s.lengths();
    ObjectNode lengths = root.putObject("lengths");
    lengths.put("input_count", l.inputCount());
    lengths.put("input_sum", l.inputSum());
    lengths.put("input_min", l.inputMin());
    lengths.put("input_max", l.inputMax());
    lengths.put("output_count", l.outputCount());
    lengths.put("requested_sum", l.requestedSum());
    lengths.put("output_sum", l.outputSum());
    ReasoningTotals r = s.reasoning();
    ObjectNode reasoning = root.putObject("reasoning");
    reasoning.put("tokens", r.tokens());
    reasoning.put("requests", r.requests());
    reasoning.put("counted_from_chunks", r.countedFromChunks());
    ObjectNode histograms = root.putObject("histograms");
    s.latencies().forEach((metric, nanos) -> histograms.put(metric.key(), encode(nanos)));
    histograms.put("request_output_rate", encode(s.requestOutputRate()));
    histograms.put("e2el_from_intended", encode(s.e2elFromIntended()));
    histograms.put("ttft_from_intended", encode(s.ttftFromIntended()));
    histograms.put("send_lag", encode(s.sendLag()));
    histograms.put("reasoning_time", encode(r.timeNanos()));
    PrefixCacheTotals cache = s.prefixCache();
    ObjectNode prefixCache = root.putObject("prefix_cache");
    prefixCache.put("requests", cache.requests());
    prefixCache.put("cached_tokens", cache.cachedTokens());
    prefixCache.put("prompt_tokens", cache.promptTokens());
    root.set("sessions", sessions(s.sessions()));
    return root;
  }

  private static ObjectNode sessions(SessionTotals s) {
    ObjectNode sessions = JSON.createObjectNode();
    sessions.put("completed", s.completed());
    sessions.put("failed", s.failed());
    sessions.put("turns", s.turns());
    sessions.put("tool_call_turns", s.toolCallTurns());
    sessions.put("duration", encode(s.durationNanos()));
    ArrayNode perTurn = sessions.putArray("per_turn");
    for (TurnTotals t : s.perTurn()) {
      ObjectNode turn = perTurn.addObject();
      turn.put("turn", t.turn());
      turn.put("requests", t.requests());
      turn.put("ttft", encode(t.ttftNanos()));
      turn.put("e2el", encode(t.e2elNanos()));
      turn.put("prompt_tokens", t.promptTokens());
      turn.put("prompt_count", t.promptCount());
      turn.put("cached_tokens", t.cachedTokens());
      turn.put("cached_count", t.cachedCount());
    }
    return sessions;
  }

  private static SessionTotals sessions(JsonNode s) {
    List<TurnTotals> perTurn = new ArrayList<>();
    for (JsonNode t : s.path("per_turn")) {
      perTurn.add(
          new TurnTotals(
              (int) number(t, "turn"),
              number(t, "requests"),
              decode(t, "ttft"),
              decode(t, "e2el"),
              number(t, "prompt_tokens"),
              number(t, "prompt_count"),
              number(t, "cached_tokens"),
              number(t, "cached_count")));
    }
    return new SessionTotals(
        number(s, "completed"),
        number(s, "failed"),
        number(s, "turns"),
        decode(s, "duration"),
        perTurn,
        s.has("tool_call_turns") ? number(s, "tool_call_turns") : 0); // absent before agents
  }

  /**
   * @throws IllegalArgumentException naming the first field that is missing or malformed
   */
  public static RecorderState fromJson(JsonNode root) {
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(
          "format must be \"" + FORMAT + "\", got " + root.path("format"));
    }
    JsonNode counters = root.path("counters");
    long[] c = new long[COUNTERS.length];
    for (int i = 0; i < COUNTERS.length; i++) {
      c[i] = number(counters, COUNTERS[i]);
    }
    Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    for (ErrorKind kind : ErrorKind.values()) {
      errors.put(kind, number(root.path("errors"), kind.key()));
    }
    JsonNode l = root.path("lengths");
    JsonNode h = root.path("histograms");
    JsonNode r = root.path("reasoning");
    Map<LatencyMetric, Histogram> latencies = new EnumMap<>(LatencyMetric.class);
    for (LatencyMetric metric : LatencyMetric.values()) {
      latencies.put(metric, decode(h, metric.key()));
    }
    return new RecorderState(
        latencies,
        decode(h, "request_output_rate"),
        decode(h, "e2el_from_intended"),
        decode(h, "ttft_from_intended"),
        decode(h, "send_lag"),
        c[0],
        c[1],
        c[2],
        c[3],
        c[4],
        c[5],
        c[6],
        c[7],
        c[8],
        c[9],
        c[10],
        errors,
        new LengthTotals(
            number(l, "input_count"),
            number(l, "input_sum"),
            number(l, "input_min"),
            number(l, "input_max"),
            number(l, "output_count"),
            number(l, "requested_sum"),
            number(l, "output_sum")),
        new ReasoningTotals(
            number(r, "tokens"),
            number(r, "requests"),
            number(r, "counted_from_chunks"),
            decode(h, "reasoning_time")),
        optional(counters, "good_requests"),
        new PrefixCacheTotals(
            number(root.path("prefix_cache"), "requests"),
            number(root.path("prefix_cache"), "cached_tokens"),
            number(root.path("prefix_cache"), "prompt_tokens")),
        sessions(root.path("sessions")),
        optional(root, "first_send_epoch_ns"),
        optional(root, "last_end_epoch_ns"));
  }

  private static void putOptional(ObjectNode node, String key, OptionalLong value) {
    if (value.isPresent()) {
      node.put(key, value.getAsLong());
    } else {
      node.putNull(key);
    }
  }

  private static long number(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.canConvertToLong()) {
      throw new IllegalArgumentException("\"" + key + "\" must be a whole number, got " + value);
    }
    return value.asLong();
  }

  private static OptionalLong optional(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull()
        ? OptionalLong.empty()
        : OptionalLong.of(number(node, key));
  }

  static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  private static Histogram decode(JsonNode histograms, String key) {
    JsonNode value = histograms.get(key);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("histogram \"" + key + "\" is missing");
    }
    try {
      Histogram h =
          Histogram.decodeFromCompressedByteBuffer(
              ByteBuffer.wrap(Base64.getDecoder().decode(value.asText())), 0);
      // decoded histograms are sized to their values; let later additions grow them
      h.setAutoResize(true);
      return h;
    } catch (DataFormatException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("histogram \"" + key + "\" cannot be decoded: " + e);
    }
  }
}
