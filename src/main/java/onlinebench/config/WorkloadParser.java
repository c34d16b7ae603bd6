package onlinebench.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Parses the {@link Workload} properties. */
final class WorkloadParser {
  private static final int MAX_TOKENS = 10_000_000;

  private WorkloadParser() {}

  static Workload parse(UserInput in) {
    return new Workload(
        seed(in),
        Values.bool(in, Parameter.IGNORE_EOS, Workload.DEFAULT.ignoreEos()),
        in.get(Parameter.DATASET).map(WorkloadParser::dataset),
        Values.wholeNumber(in, Parameter.SHARED_PREFIX_TOKENS, 0, 0, MAX_TOKENS),
        endpoint(in),
        tokenizer(in),
        SessionWorkloadParser.parse(in));
  }

  private static Tokenizer tokenizer(UserInput in) {
    Optional<RawValue> raw = in.get(Parameter.TOKENIZER);
    if (raw.isEmpty()) {
      return Workload.DEFAULT.tokenizer();
    }
    try {
      return Tokenizer.valueOf(raw.get().text().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Values.invalid("tokenizer", raw.get(), "cl100k_base or o200k_base");
    }
  }

  private static long seed(UserInput in) {
    Optional<RawValue> raw = in.get(Parameter.SEED);
    if (raw.isEmpty()) {
      return Workload.DEFAULT.seed();
    }
    try {
      return Long.parseLong(raw.get().text().strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw Values.invalid("seed", raw.get(), "a whole number (any 64-bit integer)");
    }
  }

  private static Path dataset(RawValue raw) {
    Path file = Path.of(raw.text().strip());
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw Values.invalid(
          "dataset", raw, "a readable JSONL file of OpenAI messages or ShareGPT conversations");
    }
    return file;
  }

  private static Endpoint endpoint(UserInput in) {
    Optional<RawValue> raw = in.get(Parameter.ENDPOINT);
    if (raw.isEmpty()) {
      return Workload.DEFAULT.endpoint();
    }
    return switch (raw.get().text().strip().toLowerCase(Locale.ROOT)) {
      case "chat", "chat/completions", "/chat/completions" -> Endpoint.CHAT;
      case "completions", "/completions" -> Endpoint.COMPLETIONS;
      default -> throw Values.invalid("endpoint", raw.get(), "chat or completions");
    };
  }
}
