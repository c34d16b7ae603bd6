package onlinebench.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import onlinebench.config.ConfigException;
import onlinebench.config.LengthSpec;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates the {@code sim.*} system properties into a {@link SimulatorConfig}.
 *
 * <p>Every message names the property, the value received and what is accepted, so a user can fix
 * the command line from the message alone. The API key is never repeated back.
 */
final class SimulatorProperties {

  static final String DEFAULT_MODEL = "simulated-llm";

  /** As many as {@code -DoutputTokens} accepts. */
  private static final int MAX_REASONING_TOKENS = 10_000_000;

  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);
  private static final BigDecimal MAX_MILLIS =
      BigDecimal.valueOf(SimulatorConfig.MAX_DELAY.toMillis());

  private SimulatorProperties() {}

  static SimulatorConfig parse(Properties p, int defaultPort) {
    SimulatorConfig defaults = SimulatorConfig.defaults();
    // From the defaults, so captureLimit stays 0: a standalone simulator has no one in its JVM to
    // take the records.
    SimulatorConfig.Draft config = new SimulatorConfig.Draft(defaults);
    config.port = parsePort(p.getProperty("sim.port"), defaultPort);
    config.model = parseModel(p.getProperty("sim.model"));
    config.ttft = parseMillis("sim.ttftMs", p.getProperty("sim.ttftMs"), defaults.ttft());
    config.itl = parseMillis("sim.itlMs", p.getProperty("sim.itlMs"), defaults.itl());
    config.apiKey = parseApiKey(p.getProperty("sim.apiKey"));
    config.truthLog = parseTruthLog(p.getProperty("sim.truthLog"));
    config.seed = parseSeed(p.getProperty("sim.seed"), defaults.seed());
    config.delivery =
        parseChoice(
            "sim.delivery",
            p.getProperty("sim.delivery"),
            Delivery.values(),
            Delivery::propertyValue,
            Delivery.TOKEN);
    config.realism = parseRealism(p);
    config.faults = parseFaults(p.getProperty("sim.faults"));
    config.tls = parseBoolean("sim.tls", p.getProperty("sim.tls"));
    config.promptCounting =
        new PromptCounting(
            parseChoice(
                "sim.tokenizer",
                p.getProperty("sim.tokenizer"),
                PromptCounting.Tokenizer.values(),
                PromptCounting.Tokenizer::propertyValue,
                PromptCounting.Tokenizer.WORDS),
            parseCount(
                "sim.chatTemplateTokens",
                p.getProperty("sim.chatTemplateTokens"),
                "a whole number >= 0 (tokens added to every prompt's count)"));
    config.profile =
        parseChoice(
            "sim.profile",
            p.getProperty("sim.profile"),
            ServerProfile.values(),
            ServerProfile::propertyValue,
            ServerProfile.DEFAULT);
    config.reasoningTokens = parseReasoningTokens(p.getProperty("sim.reasoningTokens"));
    config.conversations = parseConversations(p);
    return config.build();
  }

  private static Realism parseRealism(Properties p) {
    return new Realism(
        parseDouble(
            "sim.prefillTokensPerSec",
            p.getProperty("sim.prefillTokensPerSec"),
            Double.MAX_VALUE,
            "a number >= 0 (tokens per second; 0 = prefill takes no time)"),
        parseDouble(
            "sim.batchSlowdown",
            p.getProperty("sim.batchSlowdown"),
            Realism.MAX_BATCH_SLOWDOWN,
            "a number between 0 and 1000 (0 = no slowdown)"),
        parseCount(
            "sim.maxSequences",
            p.getProperty("sim.maxSequences"),
            "a whole number >= 0 (0 = unlimited)"),
        parseCount(
            "sim.stopMeanTokens",
            p.getProperty("sim.stopMeanTokens"),
            "a whole number >= 0 (0 = every response runs to max_tokens)"),
        parseDouble(
            "sim.jitter",
            p.getProperty("sim.jitter"),
            1,
            "a number between 0 and 1 (0 = no jitter)"));
  }

  /**
   * {@code sim.reasoningTokens}: the forms of {@code -DoutputTokens} ({@link LengthSpec}), or 0 for
   * none (the default).
   */
  private static @Nullable LengthSpec parseReasoningTokens(@Nullable String raw) {
    if (raw == null || raw.strip().equals("0")) {
      return null;
    }
    try {
      return LengthSpec.parse(raw, "sim.reasoningTokens", MAX_REASONING_TOKENS);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage() + " (0 = no reasoning)");
    }
  }

  private static Conversations parseConversations(Properties p) {
    Conversations defaults = Conversations.defaults();
    String share = p.getProperty("sim.toolCallShare");
    String blockTokens = p.getProperty("sim.prefixCacheBlockTokens");
    String blocks = p.getProperty("sim.prefixCacheBlocks");
    return new Conversations(
        share == null
            ? defaults.toolCallShare()
            : parseDouble(
                "sim.toolCallShare",
                share,
                1,
                "a number between 0 and 1 (the share of requests offering tools answered with a"
                    + " tool call)"),
        parseBoolean("sim.prefixCache", p.getProperty("sim.prefixCache")),
        blockTokens == null
            ? defaults.prefixCacheBlockTokens()
            : parsePositive(
                "sim.prefixCacheBlockTokens",
                blockTokens,
                "a whole number >= 1 (tokens per block)"),
        blocks == null
            ? defaults.prefixCacheBlocks()
            : parsePositive(
                "sim.prefixCacheBlocks",
                blocks,
                "a whole number >= 1 (blocks the prefix cache remembers)"));
  }

  private static int parsePositive(String property, String raw, String accepted) {
    int value = parseCount(property, raw, accepted);
    if (value < 1) {
      throw invalid(property, raw, accepted);
    }
    return value;
  }

  /** Renders a duration as the user would have typed it in a {@code sim.*Ms} property. */
  static String millis(Duration d) {
    return new BigDecimal(d.toNanos()).divide(NANOS_PER_MILLI).stripTrailingZeros().toPlainString();
  }

  private static int parsePort(@Nullable String raw, int defaultPort) {
    if (raw == null) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(raw.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through to the one message below
    }
    throw invalid("sim.port", raw, "a whole number between 0 and 65535 (0 picks a free port)");
  }

  private static String parseModel(@Nullable String raw) {
    if (raw == null) {
      return DEFAULT_MODEL;
    }
    if (raw.isBlank()) {
      throw invalid("sim.model", raw, "a non-blank model name");
    }
    return raw.trim();
  }

  private static Duration parseMillis(
      String property, @Nullable String raw, Duration defaultValue) {
    if (raw == null) {
      return defaultValue;
    }
    BigDecimal ms;
    try {
      ms = new BigDecimal(raw.trim());
    } catch (NumberFormatException e) {
      throw invalid(property, raw, "a number >= 0");
    }
    if (ms.signum() < 0) {
      throw invalid(property, raw, "a number >= 0");
    }
    if (ms.compareTo(MAX_MILLIS) > 0) {
      throw invalid(property, raw, "a number >= 0 and at most " + MAX_MILLIS + " (one hour)");
    }
    return Duration.ofNanos(
        ms.multiply(NANOS_PER_MILLI).setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  private static @Nullable String parseApiKey(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.isBlank()) {
      throw new IllegalArgumentException(
          "sim.apiKey must not be blank when set; leave it unset to accept any key (-Dsim.apiKey)");
    }
    return raw;
  }

  private static @Nullable Path parseTruthLog(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.isBlank()) {
      throw invalid("sim.truthLog", raw, "a file path");
    }
    try {
      return Path.of(raw.trim());
    } catch (InvalidPathException e) {
      throw invalid("sim.truthLog", raw, "a file path (" + e.getReason() + ")");
    }
  }

  private static long parseSeed(@Nullable String raw, long defaultValue) {
    if (raw == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw invalid("sim.seed", raw, "a whole number");
    }
  }

  /**
   * One of a fixed set of values by its spelling, case and blanks around ignored; the message lists
   * all.
   */
  private static <T> T parseChoice(
      String property,
      @Nullable String raw,
      T[] choices,
      Function<T, String> spelling,
      T defaultValue) {
    if (raw == null) {
      return defaultValue;
    }
    String wanted = raw.trim().toLowerCase(Locale.ROOT);
    for (T choice : choices) {
      if (spelling.apply(choice).equals(wanted)) {
        return choice;
      }
    }
    throw invalid(
        property,
        raw,
        "one of " + Arrays.stream(choices).map(spelling).collect(Collectors.joining(", ")));
  }

  private static double parseDouble(
      String property, @Nullable String raw, double max, String accepted) {
    if (raw == null) {
      return 0;
    }
    try {
      // BigDecimal: no NaN, Infinity or 1d/1f suffixes.
      double value = new BigDecimal(raw.trim()).doubleValue();
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the one message below
    }
    throw invalid(property, raw, accepted);
  }

  private static int parseCount(String property, @Nullable String raw, String accepted) {
    if (raw == null) {
      return 0;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the one message below
    }
    throw invalid(property, raw, accepted);
  }

  private static boolean parseBoolean(String property, @Nullable String raw) {
    if (raw == null) {
      return false;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(property, raw, "true or false");
    };
  }

  private static FaultPlan parseFaults(@Nullable String raw) {
    if (raw == null) {
      return FaultPlan.none();
    }
    try {
      return FaultPlan.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "sim.faults must be "
              + FaultPlan.GRAMMAR
              + ", got \""
              + raw
              + "\": "
              + e.getMessage()
              + " (-Dsim.faults)");
    }
  }

  private static IllegalArgumentException invalid(String property, String raw, String accepted) {
    return new IllegalArgumentException(
        property + " must be " + accepted + ", got \"" + raw + "\" (-D" + property + ")");
  }
}
