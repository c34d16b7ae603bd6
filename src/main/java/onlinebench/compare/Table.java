package onlinebench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison as a plain-text table, one row per shared figure, then the verdict. */
final class Table {
  private static final String[] HEADER = {"metric", "baseline", "current", "delta", "delta %", ""};

  private Table() {}

  static String render(RunComparison comparison) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (MetricDelta m : comparison.metrics()) {
      rows.add(
          new String[] {
            m.key(),
            number(m.baseline()),
            number(m.current()),
            signed(m.delta()),
            Double.isNaN(m.deltaPercent())
                ? "n/a"
                : String.format(Locale.ROOT, "%+.1f%%", m.deltaPercent()),
            mark(m)
          });
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(pad(row[0], widths[0], false));
      for (int i = 1; i < row.length; i++) {
        line.append("  ").append(pad(row[i], widths[i], i < row.length - 1));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    if (!comparison.notShared().isEmpty()) {
      out.append("Not compared (a number in only one run): ")
          .append(String.join(", ", comparison.notShared()))
          .append('\n');
    }
    List<MetricDelta> regressions = comparison.regressions();
    if (regressions.isEmpty()) {
      out.append("No regression beyond ").append(comparison.tolerance()).append('\n');
    } else {
      out.append(
          String.format(
              Locale.ROOT,
              "%d regression%s beyond %s: %s%n",
              regressions.size(),
              regressions.size() == 1 ? "" : "s",
              comparison.tolerance(),
              String.join(", ", regressions.stream().map(MetricDelta::key).toList())));
    }
    return out.toString();
  }

  private static String mark(MetricDelta m) {
    if (m.direction() == Direction.INFORMATIONAL) {
      return "(not judged)";
    }
    if (m.regression()) {
      return "REGRESSION";
    }
    boolean better =
        m.direction() == Direction.HIGHER_IS_BETTER
            ? m.current() > m.baseline()
            : m.current() < m.baseline();
    return better ? "better" : "";
  }

  /** A whole number without decimals, anything else with up to three. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String signed(double value) {
    String text = number(value);
    return value > 0 ? "+" + text : text;
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(width - text.length());
    return right ? spaces + text : text + spaces;
  }
}
