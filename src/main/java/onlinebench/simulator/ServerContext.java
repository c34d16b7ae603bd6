package onlinebench.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What every connection of one {@link SimulatorServer} shares: config, timing model, where truth
 * records go (file and memory), the fault schedule, the prefix cache, the chat request counter and
 * the engine metrics. Thread-safe.
 */
final class ServerContext {

  private final SimulatorConfig config;
  private final TimingModel timing;
  private final TruthLog truthLog;
  private final ServedRequests served;
  private final TruthSink truth;
  private final FaultSchedule faults;
  private final AtomicLong chatRequests = new AtomicLong();
  private final AtomicLong chatRequestsOpeningConnection = new AtomicLong();
  private final byte[] modelsBody;
  private final Duration stallLimit;
  private final @Nullable PrefixCache prefixCache;
  private final EngineMetrics metrics;

  ServerContext(
      SimulatorConfig config, TruthLog truthLog, long startEpochSeconds, Duration stallLimit) {
    this.config = config;
    this.timing = new TimingModel(config.ttft(), config.itl(), config.realism());
    this.truthLog = truthLog;
    this.served =
        config.captureLimit() > 0
            ? new ServedRequests(config.captureLimit())
            : ServedRequests.off();
    this.truth = new TruthSink(truthLog, served);
    this.faults = new FaultSchedule(config.seed(), config.faults());
    this.modelsBody = config.profile().wire().models().body(config.model(), startEpochSeconds);
    this.stallLimit = stallLimit;
    this.metrics = new EngineMetrics(config.model());
    Conversations conversations = config.conversations();
    this.prefixCache =
        conversations.prefixCache()
            ? new PrefixCache(
                conversations.prefixCacheBlockTokens(), conversations.prefixCacheBlocks())
            : null;
  }

  /** The prefix cache ({@code sim.prefixCache}); null when it is off. */
  @Nullable PrefixCache prefixCache() {
    return prefixCache;
  }

  /** Running requests, token counters and TTFTs, for {@code GET /metrics}. */
  EngineMetrics metrics() {
    return metrics;
  }

  /** How long a stalled connection is held at most ({@link StalledResponse}). */
  Duration stallLimit() {
    return stallLimit;
  }

  SimulatorConfig config() {
    return config;
  }

  TimingModel timing() {
    return timing;
  }

  /** The file alone, to close it. */
  TruthLog truthLog() {
    return truthLog;
  }

  /** Where every response records what it did. */
  TruthSink truth() {
    return truth;
  }

  ServedRequests served() {
    return served;
  }

  FaultSchedule faults() {
    return faults;
  }

  /**
   * Counts one chat request and returns its number: 1, 2, ...
   *
   * @param firstOnConnection whether nothing came on its connection before it
   */
  long nextRequestNumber(boolean firstOnConnection) {
    if (firstOnConnection) {
      chatRequestsOpeningConnection.incrementAndGet();
    }
    return chatRequests.incrementAndGet();
  }

  /** The completion id of request {@code number}: {@code chatcmpl-sim-1}, {@code -2}, ... */
  static String completionId(long number) {
    return "chatcmpl-sim-" + number;
  }

  /**
   * The id of request {@code number} when it came to the legacy completions endpoint: {@code
   * cmpl-sim-<n>}, numbered with the chat requests.
   */
  static String textCompletionId(long number) {
    return "cmpl-sim-" + number;
  }

  long chatRequests() {
    return chatRequests.get();
  }

  long chatRequestsOpeningConnection() {
    return chatRequestsOpeningConnection.get();
  }

  /** The constant {@code GET /v1/models} body. */
  byte[] modelsBody() {
    return modelsBody;
  }
}
