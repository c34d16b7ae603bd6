package onlinebench.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates a {@link BenchConfig} from system properties and the environment. Every
 * rejection is a {@link ConfigException} whose one-line message names the property, the value and
 * what is accepted.
 */
public final class BenchConfigParser {
  /** The simulator's model name when neither -Dmodel nor -Dsim.model is given. */
  public static final String SIMULATOR_DEFAULT_MODEL = "simulated-llm";

  private static final int MAX_CONCURRENCY = 100_000;
  private static final int MAX_REQUESTS = 1_000_000_000;
  private static final int MAX_TOKENS = 10_000_000;
  private static final Duration MAX_TIMEOUT = Duration.ofDays(1);
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
  private static final Set<String> BODY_FIELDS_WE_OWN = Set.of("model", "messages", "stream");
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchConfigParser() {}

  /** Parses the current JVM's system properties and environment. */
  public static BenchConfig fromSystem() {
    return parse(PropertyNames.snapshot(System.getProperties()), System.getenv());
  }

  public static BenchConfig parse(Map<String, String> properties, Map<String, String> environment) {
    UserInput in = new UserInput(properties, environment);
    Optional<URI> apiBase = in.get(Parameter.API_BASE).map(BenchConfigParser::apiBase);
    return new BenchConfig(
        apiBase,
        ApiKey.of(in.get(Parameter.API_KEY).map(RawValue::text).orElse("vllm")),
        model(in, apiBase.isPresent()),
        wholeNumber(in, Parameter.CONCURRENCY, 128, 1, MAX_CONCURRENCY),
        wholeNumber(in, Parameter.TOTAL_REQUESTS, 1024, 1, MAX_REQUESTS),
        wholeNumber(in, Parameter.PROMPT_TOKENS, 1024, 1, MAX_TOKENS),
        wholeNumber(in, Parameter.OUTPUT_TOKENS, 1024, 1, MAX_TOKENS),
        wholeNumber(in, Parameter.WARMUP_REQUESTS, 8, 0, MAX_REQUESTS),
        bool(in, Parameter.STREAM, false),
        duration(in, Parameter.REQUEST_TIMEOUT, Duration.ofSeconds(600)),
        in.get(Parameter.EXTRA_BODY).map(BenchConfigParser::extraBody),
        bool(in, Parameter.REQUEST_LOG, false),
        progress(in),
        bool(in, Parameter.PREFLIGHT, true),
        tlsTrust(in),
        new HarnessLimits(
            positiveNumber(in, Parameter.HARNESS_LAG_LIMIT_MS, HarnessLimits.DEFAULT.lagMs(), 1e6),
            positiveNumber(
                in, Parameter.HARNESS_CPU_LIMIT, HarnessLimits.DEFAULT.cpuShare(), 1.0)));
  }

  private static URI apiBase(RawValue raw) {
    String text = raw.text().strip();
    String accepted = "an http:// or https:// URL such as http://127.0.0.1:8000/v1";
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        if (uri.getQuery() != null || uri.getFragment() != null) {
          throw invalid("apiBase", raw, "a base URL without ?query or #fragment");
        }
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the accepted form
    }
    throw invalid("apiBase", raw, accepted);
  }

  private static String model(UserInput in, boolean apiBaseGiven) {
    Optional<String> model = in.get(Parameter.MODEL).map(RawValue::text).map(String::strip);
    if (model.isPresent() && model.get().isEmpty()) {
      throw new ConfigException("model must not be empty (-Dmodel)");
    }
    if (apiBaseGiven) {
      return model.orElseThrow(
          () ->
              new ConfigException(
                  "model is required when apiBase is given: add -Dmodel=<a model the server"
                      + " serves; GET <apiBase>/models lists them>"));
    }
    return model.orElseGet(
        () -> in.property("sim.model").map(String::strip).orElse(SIMULATOR_DEFAULT_MODEL));
  }

  private static int wholeNumber(UserInput in, Parameter p, int fallback, int min, int max) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String accepted = "a whole number from " + min + " to " + max;
    try {
      long value = Long.parseLong(raw.get().text().strip().replace("_", ""));
      if (value < min || value > max) {
        throw invalid(p.property(), raw.get(), accepted);
      }
      return (int) value;
    } catch (NumberFormatException e) {
      throw invalid(p.property(), raw.get(), accepted);
    }
  }

  private static double positiveNumber(UserInput in, Parameter p, double fallback, double max) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String accepted = "a number > 0 and <= " + (max == 1.0 ? "1" : "1000000");
    try {
      double value = Double.parseDouble(raw.get().text().strip());
      if (!(value > 0 && value <= max)) {
        throw invalid(p.property(), raw.get(), accepted);
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(p.property(), raw.get(), accepted);
    }
  }

  private static boolean bool(UserInput in, Parameter p, boolean fallback) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String text = raw.get().text().strip().toLowerCase(Locale.ROOT);
    if (text.equals("true") || text.isEmpty()) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw invalid(p.property(), raw.get(), "true or false");
  }

  private static Duration duration(UserInput in, Parameter p, Duration fallback) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String accepted = "a duration > 0 up to 24h: seconds (600) or with a unit (500ms, 30s, 10m)";
    Matcher m = DURATION.matcher(raw.get().text().strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(p.property(), raw.get(), accepted);
    }
    double amount = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double nanosPerUnit =
        switch (unit) {
          case "ms" -> 1e6;
          case "m" -> 60e9;
          case "h" -> 3600e9;
          default -> 1e9;
        };
    Duration d = Duration.ofNanos(Math.round(Math.min(amount * nanosPerUnit, Long.MAX_VALUE)));
    if (d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
      throw invalid(p.property(), raw.get(), accepted);
    }
    return d;
  }

  private static ObjectNode extraBody(RawValue raw) {
    String accepted = "a JSON object such as {\"ignore_eos\":true}";
    JsonNode node;
    try {
      node = JSON.readTree(raw.text());
    } catch (JsonProcessingException e) {
      throw invalid("extraBody", raw, accepted);
    }
    if (node == null || !node.isObject()) {
      throw invalid("extraBody", raw, accepted);
    }
    for (String field : BODY_FIELDS_WE_OWN) {
      if (node.has(field)) {
        throw new ConfigException(
            "extraBody must not set \""
                + field
                + "\", which the benchmark sets itself (use -D"
                + (field.equals("messages") ? "promptTokens" : field)
                + "), got "
                + quoted(raw.text())
                + " ("
                + raw.origin()
                + ")");
      }
    }
    return (ObjectNode) node;
  }

  private static TlsTrust tlsTrust(UserInput in) {
    Optional<RawValue> raw = in.get(Parameter.TLS_TRUST);
    if (raw.isEmpty() || raw.get().text().strip().equalsIgnoreCase("system")) {
      return TlsTrust.SYSTEM;
    }
    String text = raw.get().text().strip();
    if (text.equalsIgnoreCase("all")) {
      return TlsTrust.ALL;
    }
    Path file = Path.of(text);
    if (!Files.isReadable(file)) {
      throw invalid(
          "tlsTrust", raw.get(), "system, all, or a readable PEM file of certificates to trust");
    }
    return TlsTrust.pemFile(file);
  }

  private static ProgressMode progress(UserInput in) {
    Optional<RawValue> raw = in.get(Parameter.PROGRESS);
    if (raw.isEmpty()) {
      return ProgressMode.AUTO;
    }
    try {
      return ProgressMode.valueOf(raw.get().text().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid("progress", raw.get(), "auto, tty, plain or off");
    }
  }

  private static ConfigException invalid(String name, RawValue raw, String accepted) {
    return new ConfigException(
        name + " must be " + accepted + ", got " + quoted(raw.text()) + " (" + raw.origin() + ")");
  }

  private static String quoted(String text) {
    String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
    return "\"" + (oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine) + "\"";
  }
}
