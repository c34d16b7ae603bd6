package onlinebench.servermetrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The server's samples as llm.html draws them beside our own per-second series, on the same axis:
 * {@code offset_s} (seconds from the first measured send), {@code running}, {@code waiting}, {@code
 * kv_cache_usage} (null where the server does not say), and {@code generation_tokens_per_s}, the
 * server's generation counter's rise since the sample before divided by the time between them (null
 * for the first sample and where the counter is missing).
 */
public final class ServerSeries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServerSeries() {}

  /**
   * @param originNanos the measured phase's first send
   */
  public static ObjectNode json(List<ServerSample> samples, long originNanos) {
    ObjectNode node = JSON.createObjectNode();
    ArrayNode offsets = node.putArray("offset_s");
    ArrayNode running = node.putArray("running");
    ArrayNode waiting = node.putArray("waiting");
    ArrayNode kv = node.putArray("kv_cache_usage");
    ArrayNode generation = node.putArray("generation_tokens_per_s");
    ServerSample previous = null;
    for (ServerSample sample : samples) {
      offsets.add(Math.round((sample.nanos() - originNanos) / 1e6) / 1e3);
      add(running, sample.get(ServerFamilies.RUNNING));
      add(waiting, sample.get(ServerFamilies.WAITING));
      add(kv, sample.get(ServerFamilies.KV_CACHE_USAGE));
      OptionalDouble rate = OptionalDouble.empty();
      if (previous != null && sample.nanos() > previous.nanos()) {
        OptionalDouble now = sample.get(ServerFamilies.GENERATION_TOKENS);
        OptionalDouble before = previous.get(ServerFamilies.GENERATION_TOKENS);
        if (now.isPresent() && before.isPresent()) {
          double perSecond =
              (now.getAsDouble() - before.getAsDouble())
                  * 1e9
                  / (sample.nanos() - previous.nanos());
          rate = OptionalDouble.of(Math.round(perSecond * 10) / 10.0);
        }
      }
      add(generation, rate);
      previous = sample;
    }
    return node;
  }

  private static void add(ArrayNode into, OptionalDouble value) {
    if (value.isPresent()) {
      into.add(value.getAsDouble());
    } else {
      into.addNull();
    }
  }
}
