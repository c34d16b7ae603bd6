package onlinebench.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import onlinebench.config.LengthSpec;
import org.jspecify.annotations.Nullable;

/**
 * Immutable configuration of the built-in simulated LLM server.
 *
 * <p>Each component has a system property (see {@link #fromSystemProperties}): {@code sim.port},
 * {@code sim.model}, {@code sim.ttftMs}, {@code sim.itlMs}, {@code sim.apiKey}, {@code
 * sim.truthLog}, {@code sim.seed}, {@code sim.delivery}, {@code sim.profile}, {@code
 * sim.reasoningTokens}, {@code sim.toolCallShare}, {@code sim.prefixCache}. {@link #toString()}
 * masks the API key.
 *
 * @param port listening port on 127.0.0.1; 0 picks a free port
 * @param model the one model name served; any other gets 404 {@code model_not_found}
 * @param ttft delay from the full request being read to the first token
 * @param itl delay between consecutive output tokens
 * @param apiKey when non-null, requests must carry {@code Authorization: Bearer <apiKey>}
 * @param truthLog when non-null, a JSONL file receiving one ground-truth line per chat request
 * @param seed seed for every random choice the simulator makes (faults, stop lengths, jitter): the
 *     same seed and the same request order give the same choices
 * @param delivery how streamed events reach the socket; {@link Delivery#WHOLE} needs zero delays
 * @param realism prefill, batching, queueing, stop lengths and jitter; {@link Realism#none()} keeps
 *     the fixed timing model
 * @param faults the fault injected into each valid chat request, drawn with the seed
 * @param tls serve HTTPS with a self-signed certificate made at start (see {@link
 *     SimulatorServer#certificatePem()})
 * @param promptCounting how {@code usage.prompt_tokens} is counted ({@code sim.tokenizer}, {@code
 *     sim.chatTemplateTokens})
 * @param profile the server family whose wire behaviour is reproduced ({@code sim.profile}); never
 *     the timing
 * @param captureLimit how many served chat requests the server keeps in memory for {@link
 *     SimulatorServer#takeRequest()}; 0 (the default, and always for {@code sim.*} properties: the
 *     standalone simulator has nobody in its JVM to take them) keeps none and costs nothing
 * @param reasoningTokens reasoning tokens streamed before each chat answer ({@code
 *     sim.reasoningTokens}: a number or a distribution, as {@code -DoutputTokens}); null for a
 *     model that answers at once
 * @param conversations tool calls and the prefix cache ({@code sim.toolCallShare}, {@code
 *     sim.prefixCache}, ...)
 */
public record SimulatorConfig(
    int port,
    String model,
    Duration ttft,
    Duration itl,
    @Nullable String apiKey,
    @Nullable Path truthLog,
    long seed,
    Delivery delivery,
    Realism realism,
    FaultPlan faults,
    boolean tls,
    PromptCounting promptCounting,
    ServerProfile profile,
    int captureLimit,
    @Nullable LengthSpec reasoningTokens,
    Conversations conversations) {

  /**
   * The capture limit of {@link #fast()}: enough for any test, bounded so that a long run with
   * capture on holds at most this many records (each a few hundred bytes plus 8 per token).
   */
  public static final int DEFAULT_CAPTURE_LIMIT = 100_000;

  /** Upper bound for ttft and itl; beyond it a schedule of a million tokens could overflow. */
  static final Duration MAX_DELAY = Duration.ofHours(1);

  public SimulatorConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(ttft, "ttft");
    Objects.requireNonNull(itl, "itl");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(realism, "realism");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(promptCounting, "promptCounting");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(conversations, "conversations");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    requireDelay("ttft", ttft);
    requireDelay("itl", itl);
    if (captureLimit < 0) {
      throw new IllegalArgumentException(
          "captureLimit must be >= 0 (0 keeps no served requests), got " + captureLimit);
    }
    if (apiKey != null && apiKey.isBlank()) {
      // Never include the key itself in a message.
      throw new IllegalArgumentException(
          "apiKey must not be blank when set; leave it unset to accept any key");
    }
    if (delivery == Delivery.WHOLE && !(ttft.isZero() && itl.isZero() && isFixed(realism))) {
      throw new IllegalArgumentException(
          "sim.delivery=whole needs sim.ttftMs=0 and sim.itlMs=0 (it writes the whole stream at"
              + " once), got sim.ttftMs="
              + SimulatorProperties.millis(ttft)
              + " sim.itlMs="
              + SimulatorProperties.millis(itl)
              + (isFixed(realism) ? "" : " and realism knobs set"));
    }
  }

  /** Realism that changes timing: everything but stop lengths. */
  private static boolean isFixed(Realism realism) {
    return realism.withStopMeanTokens(0).equals(Realism.none());
  }

  /**
   * Port 0, model {@code simulated-llm}, ttft 50 ms, itl 2 ms, no key, no truth log, seed 1, token
   * delivery, no realism knobs, no faults, plain HTTP, the {@code openai} profile, no capture, tool
   * calls on half the requests that offer tools, no prefix cache.
   */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        0,
        SimulatorProperties.DEFAULT_MODEL,
        Duration.ofMillis(50),
        Duration.ofMillis(2),
        null,
        null,
        1,
        Delivery.TOKEN,
        Realism.none(),
        FaultPlan.none(),
        false,
        PromptCounting.words(),
        ServerProfile.DEFAULT,
        0,
        null,
        Conversations.defaults());
  }

  /**
   * The preset for tests: {@link #defaults()} with ttft and itl 0 (tokens as fast as the event loop
   * writes them; no jitter, no realism knobs) and served requests kept in memory ({@link
   * #DEFAULT_CAPTURE_LIMIT}) for {@link SimulatorServer#takeRequest()}.
   */
  public static SimulatorConfig fast() {
    return defaults()
        .withDelays(Duration.ZERO, Duration.ZERO)
        .withCaptureLimit(DEFAULT_CAPTURE_LIMIT);
  }

  /**
   * Reads the {@code sim.*} properties; absent ones take their defaults.
   *
   * @param properties usually {@link System#getProperties()}
   * @param defaultPort port used when {@code sim.port} is absent (0 embedded, 8000 standalone)
   * @throws IllegalArgumentException naming the property, the value and what is accepted
   */
  public static SimulatorConfig fromSystemProperties(Properties properties, int defaultPort) {
    return SimulatorProperties.parse(properties, defaultPort);
  }

  public SimulatorConfig withPort(int newPort) {
    return edit(draft -> draft.port = newPort);
  }

  public SimulatorConfig withModel(String newModel) {
    return edit(draft -> draft.model = newModel);
  }

  public SimulatorConfig withDelays(Duration newTtft, Duration newItl) {
    return edit(
        draft -> {
          draft.ttft = newTtft;
          draft.itl = newItl;
        });
  }

  public SimulatorConfig withApiKey(@Nullable String newApiKey) {
    return edit(draft -> draft.apiKey = newApiKey);
  }

  public SimulatorConfig withTruthLog(@Nullable Path newTruthLog) {
    return edit(draft -> draft.truthLog = newTruthLog);
  }

  public SimulatorConfig withSeed(long newSeed) {
    return edit(draft -> draft.seed = newSeed);
  }

  public SimulatorConfig withDelivery(Delivery newDelivery) {
    return edit(draft -> draft.delivery = newDelivery);
  }

  public SimulatorConfig withRealism(Realism newRealism) {
    return edit(draft -> draft.realism = newRealism);
  }

  public SimulatorConfig withFaults(FaultPlan newFaults) {
    return edit(draft -> draft.faults = newFaults);
  }

  public SimulatorConfig withTls(boolean newTls) {
    return edit(draft -> draft.tls = newTls);
  }

  public SimulatorConfig withPromptCounting(PromptCounting newPromptCounting) {
    return edit(draft -> draft.promptCounting = newPromptCounting);
  }

  public SimulatorConfig withProfile(ServerProfile newProfile) {
    return edit(draft -> draft.profile = newProfile);
  }

  /**
   * Keeps up to {@code limit} served requests for {@link SimulatorServer#takeRequest()}; 0 none.
   */
  public SimulatorConfig withCaptureLimit(int limit) {
    return edit(draft -> draft.captureLimit = limit);
  }

  /** Streams this many reasoning tokens before each chat answer; null for none. */
  public SimulatorConfig withReasoningTokens(@Nullable LengthSpec newReasoningTokens) {
    return edit(draft -> draft.reasoningTokens = newReasoningTokens);
  }

  /** Tool calls and the prefix cache ({@code sim.toolCallShare}, {@code sim.prefixCache}, ...). */
  public SimulatorConfig withConversations(Conversations newConversations) {
    return edit(draft -> draft.conversations = newConversations);
  }

  /** A copy with the change applied; the canonical constructor checks the result as any other. */
  private SimulatorConfig edit(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /**
   * Every component, mutable: the with* methods change one and build, and {@link
   * SimulatorProperties} sets those it parses, so one place lists all.
   */
  static final class Draft {
    int port;
    String model;
    Duration ttft;
    Duration itl;
    @Nullable String apiKey;
    @Nullable Path truthLog;
    long seed;
    Delivery delivery;
    Realism realism;
    FaultPlan faults;
    boolean tls;
    PromptCounting promptCounting;
    ServerProfile profile;
    int captureLimit;
    @Nullable LengthSpec reasoningTokens;
    Conversations conversations;

    Draft(SimulatorConfig from) {
      port = from.port;
      model = from.model;
      ttft = from.ttft;
      itl = from.itl;
      apiKey = from.apiKey;
      truthLog = from.truthLog;
      seed = from.seed;
      delivery = from.delivery;
      realism = from.realism;
      faults = from.faults;
      tls = from.tls;
      promptCounting = from.promptCounting;
      profile = from.profile;
      captureLimit = from.captureLimit;
      reasoningTokens = from.reasoningTokens;
      conversations = from.conversations;
    }

    SimulatorConfig build() {
      return new SimulatorConfig(
          port,
          model,
          ttft,
          itl,
          apiKey,
          truthLog,
          seed,
          delivery,
          realism,
          faults,
          tls,
          promptCounting,
          profile,
          captureLimit,
          reasoningTokens,
          conversations);
    }
  }

  /** Like the generated one, but the API key is masked: configs get printed and logged. */
  @Override
  public String toString() {
    return "SimulatorConfig[port="
        + port
        + ", model="
        + model
        + ", ttft="
        + ttft
        + ", itl="
        + itl
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", truthLog="
        + truthLog
        + ", seed="
        + seed
        + ", delivery="
        + delivery.propertyValue()
        + ", realism="
        + realism
        + ", faults="
        + faults
        + ", tls="
        + tls
        + ", promptCounting="
        + promptCounting
        + ", profile="
        + profile.propertyValue()
        + ", captureLimit="
        + captureLimit
        + ", reasoningTokens="
        + (reasoningTokens == null ? "none" : reasoningTokens)
        + ", conversations="
        + conversations
        + "]";
  }

  private static void requireDelay(String name, Duration delay) {
    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          name + " must be between 0 and " + MAX_DELAY + ", got " + delay);
    }
  }
}
