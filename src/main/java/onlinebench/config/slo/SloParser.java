package onlinebench.config.slo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import onlinebench.record.LatencyMetric;

/** Reads the clauses of {@code -Dslo}; see {@link SloSet#GRAMMAR}. */
final class SloParser {
  private static final Pattern CLAUSE =
      Pattern.compile("([a-z0-9_]+)(?:\\.([a-z0-9.]+))?\\s*(<=|>=|<|>)\\s*(.*)");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s)?");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
  private static final String STATS = "mean, median, p50, p90, p95, p99, p99.9, max";

  private SloParser() {}

  static List<SloClause> parse(String text) {
    List<SloClause> clauses = new ArrayList<>();
    if (text.isBlank()) {
      return clauses;
    }
    for (String part : text.split(",", -1)) {
      clauses.add(clause(part.strip()));
    }
    boolean perRequest = clauses.stream().anyMatch(SloClause::perRequest);
    for (SloClause c : clauses) {
      if (!perRequest
          && (c.quantity() == Quantity.GOODPUT || c.quantity() == Quantity.GOOD_REQUEST_FRACTION)) {
        throw new SloSyntaxException(
            c.text(),
            "goodput needs per-request clauses that say which requests are good, e.g."
                + " ttft<500ms,tpot<50ms");
      }
    }
    return clauses;
  }

  private static SloClause clause(String written) {
    if (written.isEmpty()) {
      throw new SloSyntaxException(written, "empty clause");
    }
    Matcher m = CLAUSE.matcher(written.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new SloSyntaxException(written, "expected METRIC<VALUE or METRIC>VALUE");
    }
    String metric = m.group(1);
    Optional<String> stat = Optional.ofNullable(m.group(2));
    Comparison op = comparison(m.group(3));
    String value = m.group(4).strip();
    Optional<LatencyMetric> latency = LatencyMetric.byKey(metric);
    if (latency.isPresent()) {
      return latency(written, latency.get(), stat, op, value);
    }
    return switch (metric) {
      case "errors" -> errors(written, stat, op, value);
      case "request_throughput", "output_throughput", "total_token_throughput", "goodput" ->
          rate(written, Quantity.valueOf(metric.toUpperCase(Locale.ROOT)), stat, op, value);
      case "good_request_fraction" -> fraction(written, stat, op, value);
      default -> throw new SloSyntaxException(written, "unknown metric \"" + metric + "\"");
    };
  }

  private static SloClause latency(
      String written,
      LatencyMetric metric,
      Optional<String> statText,
      Comparison op,
      String value) {
    Optional<LatencyStat> stat = Optional.empty();
    if (statText.isPresent()) {
      stat = LatencyStat.parse(statText.get());
      if (stat.isEmpty()) {
        throw new SloSyntaxException(
            written, "unknown statistic \"" + statText.get() + "\" (known: " + STATS + ")");
      }
    } else if (!metric.hasPerRequestValue()) {
      throw new SloSyntaxException(
          written,
          metric.key()
              + " has no per-request value; name a statistic, e.g. "
              + metric.key()
              + ".p99<50ms");
    }
    upperBound(written, op, "a latency");
    return SloClause.latency(written, metric, stat, op, millis(written, value));
  }

  private static SloClause errors(
      String written, Optional<String> stat, Comparison op, String value) {
    noStat(written, stat);
    upperBound(written, op, "errors");
    Matcher percent = PERCENT.matcher(value);
    if (percent.matches()) {
      double share = Double.parseDouble(percent.group(1));
      if (share > 100) {
        throw new SloSyntaxException(written, "a percentage is at most 100%");
      }
      return SloClause.of(written, Quantity.ERROR_PERCENT, op, share);
    }
    if (value.matches("\\d+")) {
      return SloClause.of(written, Quantity.ERROR_COUNT, op, Double.parseDouble(value));
    }
    throw new SloSyntaxException(
        written, "errors take a percentage (1%) or a whole number of requests (5)");
  }

  private static SloClause rate(
      String written, Quantity quantity, Optional<String> stat, Comparison op, String value) {
    noStat(written, stat);
    lowerBound(written, op, quantity.metricName());
    if (!NUMBER.matcher(value).matches()) {
      throw new SloSyntaxException(
          written, quantity.metricName() + " takes a number per second, e.g. 5000");
    }
    return SloClause.of(written, quantity, op, Double.parseDouble(value));
  }

  private static SloClause fraction(
      String written, Optional<String> stat, Comparison op, String value) {
    noStat(written, stat);
    lowerBound(written, op, "good_request_fraction");
    Matcher percent = PERCENT.matcher(value);
    if (!percent.matches() || Double.parseDouble(percent.group(1)) > 100) {
      throw new SloSyntaxException(
          written, "good_request_fraction takes a percentage up to 100%, e.g. 95%");
    }
    return SloClause.of(
        written, Quantity.GOOD_REQUEST_FRACTION, op, Double.parseDouble(percent.group(1)));
  }

  private static double millis(String written, String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new SloSyntaxException(written, "a duration is a number and a unit: 800us, 500ms, 2s");
    }
    if (m.group(2) == null) {
      throw new SloSyntaxException(written, "a duration needs a unit: us, ms or s");
    }
    double amount = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "s" -> amount * 1000;
      case "ms" -> amount;
      default -> amount / 1000;
    };
  }

  private static Comparison comparison(String symbol) {
    return switch (symbol) {
      case "<" -> Comparison.LT;
      case "<=" -> Comparison.LTE;
      case ">" -> Comparison.GT;
      default -> Comparison.GTE;
    };
  }

  private static void noStat(String written, Optional<String> stat) {
    if (stat.isPresent()) {
      throw new SloSyntaxException(
          written,
          "only "
              + Arrays.stream(LatencyMetric.values())
                  .map(LatencyMetric::key)
                  .collect(Collectors.joining(", "))
              + " take a statistic");
    }
  }

  private static void upperBound(String written, Comparison op, String what) {
    if (!op.upperBound()) {
      throw new SloSyntaxException(written, what + " is bounded from above: use < or <=");
    }
  }

  private static void lowerBound(String written, Comparison op, String what) {
    if (op.upperBound()) {
      throw new SloSyntaxException(written, what + " is bounded from below: use > or >=");
    }
  }
}
