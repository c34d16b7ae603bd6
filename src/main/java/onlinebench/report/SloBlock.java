package onlinebench.report;

import java.util.Locale;
import onlinebench.metrics.Goodput;
import onlinebench.slo.SloReport;
import onlinebench.slo.SloResult;

/** The SLO verdicts on the console: one line per clause, then the overall verdict. */
final class SloBlock {
  private SloBlock() {}

  static void render(StringBuilder out, SloReport report) {
    render(out, report, true);
  }

  /**
   * @param gatlingAssertions whether the run also made Gatling assertions of the clauses Gatling
   *     can hold (the benchmark does; a user-written Simulation's own assertions are its own)
   */
  static void render(StringBuilder out, SloReport report, boolean gatlingAssertions) {
    out.append("=== SLO ===\n");
    int width = report.results().stream().mapToInt(r -> r.clause().text().length()).max().orElse(0);
    for (SloResult r : report.results()) {
      String clause = String.format(Locale.ROOT, "%-" + width + "s", r.clause().text());
      String line =
          switch (r.verdict()) {
            case PER_REQUEST -> "GOOD  " + clause + "  per request: defines a good request";
            case PASS, FAIL ->
                r.verdict()
                    + "  "
                    + clause
                    + "  measured "
                    + value(r.measured(), r.clause().quantity().unit())
                    + (gatlingAssertions && r.clause().heldByGatling()
                        ? "  (also a Gatling assertion)"
                        : "");
          };
      out.append(line.stripTrailing()).append('\n');
    }
    long failed = report.failures().size();
    out.append(
        String.format(
            Locale.ROOT,
            "SLO: %s (%d of %d gates failed)%n",
            failed == 0 ? "PASS" : "FAIL",
            failed,
            report.gates()));
  }

  static String goodput(Goodput g, long total) {
    return String.format(
        Locale.ROOT,
        "Goodput: %.2f req/s (%d of %d requests met every per-request SLO: %.1f%%)",
        g.requestGoodput(),
        g.goodRequests(),
        total,
        100 * g.goodFraction());
  }

  /** A measured value in its unit; n/a when the run has none. */
  static String value(double measured, String unit) {
    if (Double.isNaN(measured)) {
      return "n/a";
    }
    return switch (unit) {
      case "requests" -> String.format(Locale.ROOT, "%.0f requests", measured);
      case "%" -> String.format(Locale.ROOT, "%.2f%%", measured);
      default -> String.format(Locale.ROOT, "%.2f %s", measured, unit);
    };
  }
}
