package onlinebench.slo;

import java.util.Locale;

/** What a clause measures, and in which unit its threshold is kept. */
public enum Quantity {
  TTFT("ms"),
  TPOT("ms"),
  ITL("ms"),
  E2EL("ms"),
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

  /** True for TTFT, TPOT, ITL and E2EL. */
  public boolean latency() {
    return unit.equals("ms");
  }

  /** The metric's name in a clause and in summary.json, e.g. {@code ttft}. */
  public String metricName() {
    return switch (this) {
      case ERROR_PERCENT, ERROR_COUNT -> "errors";
      default -> name().toLowerCase(Locale.ROOT);
    };
  }
}
