package onlinebench.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Finds properties that look like typos of ours ({@code -Dconcurency}), so that a user whose
 * setting was silently ignored is told at once.
 */
public final class PropertyNames {
  /** The simulator's properties, also checked for typos. */
  public static final Set<String> SIMULATOR_PROPERTIES =
      Set.of(
          "sim.port",
          "sim.model",
          "sim.ttftMs",
          "sim.itlMs",
          "sim.apiKey",
          "sim.faults",
          "sim.truthLog",
          "sim.seed",
          "sim.delivery",
          "sim.prefillTokensPerSec",
          "sim.batchSlowdown",
          "sim.maxSequences",
          "sim.stopMeanTokens",
          "sim.jitter",
          "sim.tls",
          "sim.profile",
          "sim.tokenizer",
          "sim.chatTemplateTokens",
          "sim.reasoningTokens",
          "sim.toolCallShare",
          "sim.prefixCache",
          "sim.prefixCacheBlockTokens",
          "sim.prefixCacheBlocks");

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private PropertyNames() {}

  /** A String-to-String copy of system properties, safe to read while others write. */
  public static Map<String, String> snapshot(Properties properties) {
    Map<String, String> copy = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      copy.put(name, properties.getProperty(name));
    }
    return copy;
  }

  /**
   * One warning line per given name that is not ours but is close to one of ours, e.g. {@code
   * Unknown property -Dconcurency ignored; did you mean -Dconcurrency?}.
   */
  public static List<String> typoWarnings(Set<String> givenNames) {
    List<String> known = knownNames();
    List<String> warnings = new ArrayList<>();
    givenNames.stream()
        .sorted()
        .filter(name -> !known.contains(name))
        .filter(name -> !name.contains(".") || name.toLowerCase(Locale.ROOT).startsWith("sim."))
        .forEach(
            name ->
                closest(name, known)
                    .ifPresent(
                        match ->
                            warnings.add(
                                "Unknown property -D"
                                    + name
                                    + " ignored; did you mean -D"
                                    + match
                                    + "?")));
    return warnings;
  }

  private static java.util.Optional<String> closest(String name, List<String> known) {
    String lower = name.toLowerCase(Locale.ROOT);
    int allowed = Math.max(1, Math.min(3, name.length() / 4));
    return known.stream()
        .map(k -> Map.entry(k, DISTANCE.apply(lower, k.toLowerCase(Locale.ROOT))))
        .filter(e -> e.getValue() <= allowed)
        .min(Comparator.comparingInt(Map.Entry::getValue))
        .map(Map.Entry::getKey);
  }

  private static List<String> knownNames() {
    return Stream.concat(
            Stream.of(Parameter.values()).flatMap(p -> Stream.of(p.property(), p.kebabAlias())),
            SIMULATOR_PROPERTIES.stream())
        .distinct()
        .toList();
  }
}
