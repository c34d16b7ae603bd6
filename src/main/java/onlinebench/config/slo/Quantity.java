package onlinebench.config.slo;

import java.util.Locale;

/** What a clause measures, and in which unit its threshold is kept. */
public enum Quantity {
  /** One of the {@link onlinebench.record.LatencyMetric}s; the clause names which. */
  LATENCY("ms"),
  /** Failed requests as a percentage of every measured request. */
  ERROR_PERCENT("%"),
  /** Failed requests, counted. */
  ERROR_COUNT("requests"),
  REQUEST_THROUGHPUT("req/s"),
  OUTPUT_THROUGHPUT("tok/s"),
  TOTAL_TOKEN_THROUGHPUT("tok/s"),
  /** Requests per second that met every per-request clause (vLLM's request goodput). */
  GOODPUT("req/s"),
  /** Good requests as a percentage of every measured request, failed ones included. */
  GOOD_REQUEST_FRACTION("%");

  private final String unit;

  Quantity(String unit) {
    this.unit = unit;
  }

  /** The unit of thresholds and measured values: ms for latencies, % for shares. */
  public String unit() {
    return unit;
  }

  /**
   * The name of a non-latency quantity in a clause and in summary.json, e.g. {@code goodput}; a
   * latency clause is named by its metric ({@link SloClause#metricName()}).
   */
  String metricName() {
    return switch (this) {
      case ERROR_PERCENT, ERROR_COUNT -> "errors";
      default -> name().toLowerCase(Locale.ROOT);
    };
  }
}
