package onlinebench.report;

import java.util.Map;
import java.util.stream.Collectors;
import onlinebench.record.ErrorKind;

/** How failed requests read on the console: {@code 3 (http_5xx: 2, timeout: 1)}, or {@code 0}. */
final class ErrorCounts {
  private ErrorCounts() {}

  static String describe(long failed, Map<ErrorKind, Long> byKind) {
    if (failed == 0) {
      return "0";
    }
    return failed
        + " ("
        + byKind.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey().key() + ": " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }
}
