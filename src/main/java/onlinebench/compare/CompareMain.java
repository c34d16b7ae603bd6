package onlinebench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Compares two runs' summary.json: {@code ./mvnw -q compile exec:java@compare
 * -Dbaseline=a/summary.json -Dcurrent=b/summary.json -Dtolerance=5%}. Prints a table of every
 * shared figure and exits 1 when one regressed beyond the tolerance, 2 on bad input (one line on
 * stderr), 0 otherwise.
 */
public final class CompareMain {
  static final int REGRESSION = 1;
  static final int BAD_INPUT = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private CompareMain() {}

  public static void main(String[] args) {
    Map<String, String> props =
        Map.of(
            "baseline", System.getProperty("baseline", ""),
            "current", System.getProperty("current", ""),
            "tolerance", System.getProperty("tolerance", ""));
    int code = run(props, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** The whole command, testable: returns the exit code. */
  static int run(Map<String, String> props, PrintStream out, PrintStream err) {
    try {
      Tolerance tolerance =
          Tolerance.parse(
              Optional.ofNullable(props.get("tolerance")).filter(t -> !t.isBlank()).orElse("5%"));
      Path baseline = summaryFile(props, "baseline");
      Path current = summaryFile(props, "current");
      RunComparison comparison = RunComparison.of(read(baseline), read(current), tolerance);
      out.println("Baseline: " + baseline);
      out.println("Current:  " + current);
      out.print(Table.render(comparison));
      return comparison.regressions().isEmpty() ? 0 : REGRESSION;
    } catch (IllegalArgumentException e) {
      err.println("compare: " + e.getMessage());
      return BAD_INPUT;
    }
  }

  private static Path summaryFile(Map<String, String> props, String name) {
    String text = props.getOrDefault(name, "").strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException(
          name + " is required: -D" + name + "=path/to/summary.json (or its run folder)");
    }
    Path path = Path.of(text);
    if (Files.isDirectory(path)) {
      path = path.resolve("summary.json");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(
          name
              + " must be a readable summary.json or a run folder holding one, got \""
              + text
              + "\"");
    }
    return path;
  }

  private static JsonNode read(Path file) {
    try {
      JsonNode node = JSON.readTree(file.toFile());
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(file + " is not a JSON object (not a summary.json)");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
