package onlinebench.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every connection of one {@link SimulatorServer} shares: config, timing model, truth log and
 * the chat request counter. Thread-safe.
 */
final class ServerContext {

  private final SimulatorConfig config;
  private final TimingModel timing;
  private final TruthLog truthLog;
  private final AtomicLong chatRequests = new AtomicLong();
  private final byte[] modelsBody;

  ServerContext(SimulatorConfig config, TruthLog truthLog, long startEpochSeconds) {
    this.config = config;
    this.timing = new TimingModel(config.ttft(), config.itl());
    this.truthLog = truthLog;
    this.modelsBody = modelsBody(config.model(), startEpochSeconds);
  }

  SimulatorConfig config() {
    return config;
  }

  TimingModel timing() {
    return timing;
  }

  TruthLog truthLog() {
    return truthLog;
  }

  /** Counts one chat request and names it: {@code chatcmpl-sim-1}, {@code -2}, ... */
  String nextCompletionId() {
    return "chatcmpl-sim-" + chatRequests.incrementAndGet();
  }

  long chatRequests() {
    return chatRequests.get();
  }

  /** The constant {@code GET /v1/models} body. */
  byte[] modelsBody() {
    return modelsBody;
  }

  private static byte[] modelsBody(String model, long createdEpochSeconds) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("object", "list");
    ObjectNode entry = root.putArray("data").addObject();
    entry.put("id", model);
    entry.put("object", "model");
    entry.put("created", createdEpochSeconds);
    entry.put("owned_by", "online-bench-openai");
    return Json.bytes(root);
  }
}
