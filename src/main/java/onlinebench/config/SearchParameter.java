package onlinebench.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import onlinebench.config.slo.SloClause;

/**
 * Parses {@code -Dsearch}, {@code -DsearchMin}, {@code -DsearchMax} and {@code -DsearchPrecision}
 * against an already valid configuration, rejecting what a search cannot run in the config's words:
 * no {@code -Dslo} to judge by, a sweep list, a ramp-up, a conversation workload, several load
 * generators.
 */
public final class SearchParameter {
  /** The default highest level: users, or requests per second. */
  static final double DEFAULT_MAX = 256;

  private static final int MAX_CONCURRENCY = LoadModelParser.MAX_CONCURRENCY;
  private static final double MAX_RATE = 1_000_000;

  private SearchParameter() {}

  /** Reads the search from the current JVM's system properties; empty without {@code -Dsearch}. */
  public static Optional<SearchSpec> fromSystem(BenchConfig config) {
    return parse(PropertyNames.snapshot(System.getProperties()), System.getenv(), config);
  }

  /**
   * @param config the configuration parsed from the same properties
   */
  public static Optional<SearchSpec> parse(
      Map<String, String> properties, Map<String, String> environment, BenchConfig config) {
    UserInput in = new UserInput(properties, environment);
    Optional<RawValue> raw = in.get(Parameter.SEARCH);
    if (raw.isEmpty()) {
      for (Parameter p :
          new Parameter[] {
            Parameter.SEARCH_MIN, Parameter.SEARCH_MAX, Parameter.SEARCH_PRECISION
          }) {
        Optional<RawValue> bound = in.get(p);
        if (bound.isPresent()) {
          throw new ConfigException(
              p.property()
                  + " needs -Dsearch=concurrency or -Dsearch=rate ("
                  + bound.get().origin()
                  + ")");
        }
      }
      return Optional.empty();
    }
    SearchSpec.Dimension dimension = dimension(raw.get());
    check(config, dimension);
    boolean whole = dimension == SearchSpec.Dimension.CONCURRENCY;
    double top = whole ? MAX_CONCURRENCY : MAX_RATE;
    // an open model's -DrequestRate says where the rate search starts
    double defaultMin = whole ? 1 : config.load().requestRate().orElse(1);
    double min = level(in, Parameter.SEARCH_MIN, defaultMin, whole, top);
    double max = level(in, Parameter.SEARCH_MAX, Math.max(min, DEFAULT_MAX), whole, top);
    if (max < min) {
      RawValue given = in.get(Parameter.SEARCH_MAX).orElseThrow();
      throw Values.invalid("searchMax", given, "at least searchMin (" + number(min) + ")");
    }
    double precision = level(in, Parameter.SEARCH_PRECISION, min, whole, top);
    return Optional.of(new SearchSpec(dimension, min, max, precision));
  }

  private static SearchSpec.Dimension dimension(RawValue raw) {
    String text = raw.text().strip().toLowerCase(Locale.ROOT);
    for (SearchSpec.Dimension d : SearchSpec.Dimension.values()) {
      if (d.word().equals(text)) {
        return d;
      }
    }
    throw Values.invalid("search", raw, "concurrency or rate");
  }

  /** What the rest of the configuration must be for a search to run. */
  private static void check(BenchConfig config, SearchSpec.Dimension dimension) {
    String what = "-Dsearch=" + dimension.word();
    if (config.slo().isEmpty()) {
      throw new ConfigException(
          "search needs -Dslo to judge each level by, e.g. -Dslo=ttft.p99<500ms ("
              + what
              + " without -Dslo)");
    }
    if (config.slo().clauses().stream().noneMatch(SloClause::gate)) {
      throw new ConfigException(
          "search needs at least one -Dslo gate (e.g. ttft.p99<500ms or good_request_fraction>99%),"
              + " not only per-request clauses, got "
              + Values.quoted(config.slo().text()));
    }
    LoadModel load = config.load();
    if (load.sweep()) {
      throw new ConfigException(
          "search chooses its own levels: give one -Dconcurrency or -DrequestRate, not a list ("
              + what
              + ")");
    }
    if (dimension == SearchSpec.Dimension.CONCURRENCY && load.open()) {
      throw new ConfigException(
          "search=concurrency varies the closed model's users; with -DrequestRate use"
              + " -Dsearch=rate ("
              + what
              + ")");
    }
    if (load.rampUp().isPresent()) {
      throw new ConfigException(
          "search runs each level at full load from its start: drop -DrampUp (" + what + ")");
    }
    if (config.workload().sessions().isPresent()) {
      throw new ConfigException(
          "search steps send single requests, not a"
              + (config.workload().sessions().get().agent() ? "n agent" : " conversation")
              + " workload's sessions: drop -Dworkload ("
              + what
              + ")");
    }
    if (!config.injector().single()) {
      throw new ConfigException(
          "search decides each level from the last one, which several load generators cannot"
              + " share: drop -DinjectorCount ("
              + what
              + ")");
    }
  }

  private static double level(
      UserInput in, Parameter p, double fallback, boolean whole, double top) {
    Optional<RawValue> raw = in.get(p);
    if (raw.isEmpty()) {
      return fallback;
    }
    String accepted =
        whole
            ? "a whole number from 1 to " + MAX_CONCURRENCY
            : "a number of requests per second > 0 and <= " + number(top);
    try {
      double value = Double.parseDouble(raw.get().text().strip().replace("_", ""));
      if (!(value > 0 && value <= top) || (whole && value != Math.rint(value))) {
        throw Values.invalid(p.property(), raw.get(), accepted);
      }
      return value;
    } catch (NumberFormatException e) {
      throw Values.invalid(p.property(), raw.get(), accepted);
    }
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
