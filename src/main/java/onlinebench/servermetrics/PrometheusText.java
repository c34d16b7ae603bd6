package onlinebench.servermetrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4), the format vLLM, SGLang, TGI and
 * llama.cpp serve at {@code /metrics}: {@code # TYPE} and {@code # HELP} lines, other comments, and
 * sample lines {@code name{label="value",...} value [timestamp]}. Label values may hold escaped
 * backslashes, quotes and newlines; values may be {@code +Inf}, {@code -Inf} or {@code NaN}.
 * OpenMetrics' {@code # EOF} is accepted as a comment. No Java parser of the text format is kept up
 * on Maven Central (the Prometheus Java client writes it but does not read it), so this one is
 * ours.
 */
public final class PrometheusText {

  private PrometheusText() {}

  /**
   * Every sample and declared type in {@code text}.
   *
   * @throws IllegalArgumentException naming the first line that is not in the format
   */
  public static PrometheusScrape parse(String text) {
    List<PrometheusSample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("#")) {
          comment(line, types);
        } else {
          samples.add(sample(line));
        }
      } catch (IllegalArgumentException e) {
        String shown = line.length() > 80 ? line.substring(0, 77) + "..." : line;
        throw new IllegalArgumentException(
            "line "
                + (i + 1)
                + " is not Prometheus text format ("
                + e.getMessage()
                + "): "
                + shown);
      }
    }
    return new PrometheusScrape(samples, types);
  }

  private static void comment(String line, Map<String, String> types) {
    String[] words = line.substring(1).strip().split("\\s+");
    if (words.length >= 3 && words[0].equals("TYPE")) {
      types.put(words[1], words[2]);
    }
  }

  private static PrometheusSample sample(String line) {
    int at = 0;
    while (at < line.length() && nameChar(line.charAt(at), at == 0)) {
      at++;
    }
    if (at == 0) {
      throw new IllegalArgumentException("no metric name");
    }
    String name = line.substring(0, at);
    Map<String, String> labels = new HashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at = labels(line, at + 1, labels);
    }
    String[] rest = line.substring(at).strip().split("\\s+");
    if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
      throw new IllegalArgumentException(
          "expected a value, and at most a timestamp, after the name");
    }
    return new PrometheusSample(name, labels, number(rest[0]));
  }

  /** Reads labels from just after '{'; returns the index just after the closing '}'. */
  private static int labels(String line, int at, Map<String, String> labels) {
    while (true) {
      at = skipSpaces(line, at);
      if (at < line.length() && line.charAt(at) == '}') {
        return at + 1;
      }
      int start = at;
      while (at < line.length() && nameChar(line.charAt(at), at == start)) {
        at++;
      }
      if (at == start) {
        throw new IllegalArgumentException("a label name was expected at column " + (at + 1));
      }
      String key = line.substring(start, at);
      at = skipSpaces(line, at);
      if (at + 1 >= line.length() || line.charAt(at) != '=' || line.charAt(at + 1) != '"') {
        throw new IllegalArgumentException("label " + key + " has no =\"value\"");
      }
      at += 2;
      StringBuilder value = new StringBuilder();
      while (true) {
        if (at >= line.length()) {
          throw new IllegalArgumentException("label " + key + "'s value is not closed");
        }
        char c = line.charAt(at++);
        if (c == '"') {
          break;
        }
        if (c == '\\' && at < line.length()) {
          char escaped = line.charAt(at++);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      labels.put(key, value.toString());
      at = skipSpaces(line, at);
      if (at < line.length() && line.charAt(at) == ',') {
        at++;
      } else if (at >= line.length() || line.charAt(at) != '}') {
        throw new IllegalArgumentException("labels are not closed with }");
      }
    }
  }

  private static int skipSpaces(String line, int at) {
    while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
      at++;
    }
    return at;
  }

  /** Metric and label names: [a-zA-Z_:][a-zA-Z0-9_:]*. */
  private static boolean nameChar(char c, boolean first) {
    return c == '_'
        || c == ':'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (!first && c >= '0' && c <= '9');
  }

  /** A sample value or {@code le} bound: a Go float, with Prometheus' spellings of the specials. */
  static double number(String text) {
    switch (text) {
      case "+Inf", "Inf", "+inf", "inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf", "-inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN", "nan" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("\"" + text + "\" is not a number");
        }
      }
    }
  }
}
