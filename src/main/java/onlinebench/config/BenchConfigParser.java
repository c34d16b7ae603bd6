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

/**
 * Parses and validates a {@link BenchConfig} from system properties and the environment. Every
 * rejection is a {@link ConfigException} whose one-line message names the property, the value and
 * what is accepted.
 */
public final class BenchConfigParser {
  /** The simulator's model name when neither -Dmodel nor -Dsim.model is given. */
  public static final String SIMULATOR_DEFAULT_MODEL = "simulated-llm";

  private static final int MAX_REQUESTS = 1_000_000_000;
  private static final int MAX_TOKENS = 10_000_000;
  private static final Set<String> BODY_FIELDS_WE_OWN =
      Set.of("model", "messages", "prompt", "stream");
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchConfigParser() {}

  /** Parses the current JVM's system properties and environment. */
  public static BenchConfig fromSystem() {
    return parse(PropertyNames.snapshot(System.getProperties()), System.getenv());
  }

  public static BenchConfig parse(Map<String, String> properties, Map<String, String> environment) {
    UserInput in = new UserInput(properties, environment);
    Optional<URI> apiBase = in.get(Parameter.API_BASE).map(BenchConfigParser::apiBase);
    LengthSpec promptTokens = length(in, Parameter.PROMPT_TOKENS);
    Workload workload = WorkloadParser.parse(in);
    checkSharedPrefix(in, promptTokens, workload);
    boolean stream = Values.bool(in, Parameter.STREAM, false);
    int totalRequests = Values.wholeNumber(in, Parameter.TOTAL_REQUESTS, 1024, 1, MAX_REQUESTS);
    LoadModel load = LoadModelParser.parse(in);
    Injector injector = InjectorParser.parse(in);
    Optional<SessionWorkload> sessions = workload.sessions();
    if (sessions.isPresent()) {
      InjectorParser.checkRequests(
          in,
          injector,
          Parameter.SESSIONS,
          sessions.get().sessions().orElse(Integer.MAX_VALUE),
          load);
    } else {
      InjectorParser.checkRequests(in, injector, Parameter.TOTAL_REQUESTS, totalRequests, load);
    }
    return new BenchConfig(
        apiBase,
        ApiKey.of(in.get(Parameter.API_KEY).map(RawValue::text).orElse("vllm")),
        model(in, apiBase.isPresent()),
        LoadModelParser.concurrencies(in).get(0),
        totalRequests,
        promptTokens,
        length(in, Parameter.OUTPUT_TOKENS),
        Values.wholeNumber(in, Parameter.WARMUP_REQUESTS, 8, 0, MAX_REQUESTS),
        stream,
        Values.duration(in, Parameter.REQUEST_TIMEOUT, Duration.ofSeconds(600)),
        in.get(Parameter.EXTRA_BODY).map(BenchConfigParser::extraBody),
        Values.bool(in, Parameter.REQUEST_LOG, false),
        progress(in),
        Values.bool(in, Parameter.PREFLIGHT, true),
        Values.bool(in, Parameter.SELF_WARMUP, true),
        tlsTrust(in),
        HarnessLimits.parse(in),
        workload,
        SloParameter.parse(in, stream),
        StopOnErrorsParameter.parse(in, measuredRequests(load, injector, totalRequests, sessions)),
        load,
        injector,
        ServerMetricsParameter.parse(in));
  }

  /**
   * The fewest measured requests one level of this generator sends, which a stop-on-errors window
   * must not exceed; empty when duration-bounded. A conversation run sends at least its sessions
   * times their fewest turns, an agent run its sessions.
   */
  private static Optional<Integer> measuredRequests(
      LoadModel load, Injector injector, int totalRequests, Optional<SessionWorkload> sessions) {
    if (load.duration().isPresent()) {
      return Optional.empty();
    }
    if (sessions.isEmpty()) {
      return Optional.of(injector.share(totalRequests));
    }
    if (sessions.get().sessions().isEmpty()) {
      return Optional.empty();
    }
    // an agent's session may end at its first answer, in text: one request
    int fewestTurns = sessions.get().agent() ? 1 : sessions.get().turns().min();
    long fewest = (long) injector.share(sessions.get().sessions().getAsInt()) * fewestTurns;
    return Optional.of((int) Math.min(Integer.MAX_VALUE, fewest));
  }

  private static LengthSpec length(UserInput in, Parameter p) {
    return in.get(p)
        .map(raw -> LengthSpec.parse(raw, p.property(), MAX_TOKENS))
        .orElse(LengthSpec.fixed(1024));
  }

  /** The shared prefix is part of every generated prompt, so even the shortest must exceed it. */
  private static void checkSharedPrefix(UserInput in, LengthSpec promptTokens, Workload workload) {
    int prefix = workload.sharedPrefixTokens();
    if (prefix > 0 && workload.dataset().isEmpty() && prefix >= promptTokens.min()) {
      RawValue raw = in.get(Parameter.SHARED_PREFIX_TOKENS).orElseThrow();
      throw new ConfigException(
          "sharedPrefixTokens must be smaller than the shortest prompt: promptTokens "
              + promptTokens
              + (promptTokens.isFixed() ? "" : " can be as short as " + promptTokens.min())
              + ", got sharedPrefixTokens "
              + Values.quoted(raw.text())
              + " ("
              + raw.origin()
              + ")");
    }
  }

  private static URI apiBase(RawValue raw) {
    String text = raw.text().strip();
    String accepted = "an http:// or https:// URL such as http://127.0.0.1:8000/v1";
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        if (uri.getQuery() != null || uri.getFragment() != null) {
          throw Values.invalid("apiBase", raw, "a base URL without ?query or #fragment");
        }
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the accepted form
    }
    throw Values.invalid("apiBase", raw, accepted);
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

  private static ObjectNode extraBody(RawValue raw) {
    String accepted = "a JSON object such as {\"ignore_eos\":true}";
    JsonNode node;
    try {
      node = JSON.readTree(raw.text());
    } catch (JsonProcessingException e) {
      throw Values.invalid("extraBody", raw, accepted);
    }
    if (node == null || !node.isObject()) {
      throw Values.invalid("extraBody", raw, accepted);
    }
    for (String field : BODY_FIELDS_WE_OWN) {
      if (node.has(field)) {
        throw new ConfigException(
            "extraBody must not set \""
                + field
                + "\", which the benchmark sets itself (use -D"
                + (field.equals("messages") || field.equals("prompt") ? "promptTokens" : field)
                + "), got "
                + Values.quoted(raw.text())
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
      throw Values.invalid(
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
      throw Values.invalid("progress", raw.get(), "auto, tty, plain or off");
    }
  }
}
