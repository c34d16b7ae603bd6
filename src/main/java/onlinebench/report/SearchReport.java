package onlinebench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import onlinebench.config.SearchSpec;
import onlinebench.config.slo.Quantity;
import onlinebench.config.slo.SloClause;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.Goodput;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.Summary;
import onlinebench.search.LoadSearch;
import onlinebench.search.SearchStep;
import onlinebench.slo.SloResult;

/**
 * A search's results ({@code -Dsearch}): the console table and its one-line answer, {@code
 * search.json} and {@code search.csv}, one row per step in the order run. Each row holds the step's
 * level, why it was chosen, every figure an SLO gate reads, goodput, whether it passed and why not.
 */
public final class SearchReport {
  public static final String JSON_FILE = "search.json";
  public static final String CSV_FILE = "search.csv";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The figures every row has, whatever the SLO: volume, errors, throughputs, goodput. */
  private static final Map<String, Function<Summary, Double>> FIXED = fixed();

  private static Map<String, Function<Summary, Double>> fixed() {
    Map<String, Function<Summary, Double>> columns = new LinkedHashMap<>();
    columns.put("completed", s -> (double) s.completed());
    columns.put("failed", s -> (double) s.failed());
    columns.put("error_percent", s -> s.total() == 0 ? null : 100.0 * s.failed() / s.total());
    columns.put("request_throughput", Summary::requestThroughput);
    columns.put("output_throughput", Summary::outputThroughput);
    columns.put("total_token_throughput", Summary::totalTokenThroughput);
    columns.put("request_goodput", s -> goodput(s, Goodput::requestGoodput));
    columns.put("good_request_fraction", s -> goodput(s, Goodput::goodFraction));
    return columns;
  }

  private SearchReport() {}

  /** {@code concurrency} or {@code request_rate}: the key of a step's level, as in sweep.json. */
  public static String parameter(SearchSpec spec) {
    return spec.whole() ? "concurrency" : "request_rate";
  }

  /**
   * The key of the figure a latency gate reads, as in summary.json: {@code p99_tpot_ms}; empty for
   * any other clause, whose figure is one of the fixed columns.
   */
  static Optional<String> latencyKey(SloClause clause) {
    if (clause.latency().isEmpty() || clause.stat().isEmpty()) {
      return Optional.empty();
    }
    String stat = clause.stat().get().text().replace('.', '_');
    return Optional.of(LatencyStats.jsonKey(stat, clause.latency().get().key()));
  }

  /**
   * The key of the figure a gate reads in a step's row: a latency's ({@code p99_tpot_ms}) or one of
   * the fixed columns; empty for a per-request clause, which is no gate.
   */
  static Optional<String> figureKey(SloClause clause) {
    if (clause.perRequest()) {
      return Optional.empty();
    }
    return switch (clause.quantity()) {
      case LATENCY -> latencyKey(clause);
      case ERROR_PERCENT -> Optional.of("error_percent");
      case ERROR_COUNT -> Optional.of("failed");
      case REQUEST_THROUGHPUT -> Optional.of("request_throughput");
      case OUTPUT_THROUGHPUT -> Optional.of("output_throughput");
      case TOTAL_TOKEN_THROUGHPUT -> Optional.of("total_token_throughput");
      case GOODPUT -> Optional.of("request_goodput");
      case GOOD_REQUEST_FRACTION -> Optional.of("good_request_fraction");
    };
  }

  /** The latency gates' figure keys, each once, in the order the clauses were written. */
  private static List<String> latencyKeys(SloSet slo) {
    List<String> keys = new ArrayList<>();
    for (SloClause clause : slo.clauses()) {
      latencyKey(clause).filter(k -> !keys.contains(k)).ifPresent(keys::add);
    }
    return keys;
  }

  /** A step's figure for each latency gate, by key; null where the step has none. */
  private static Map<String, Double> latencyFigures(SearchStepResult step) {
    Map<String, Double> figures = new LinkedHashMap<>();
    for (SloResult result : step.verdict().slo().results()) {
      latencyKey(result.clause())
          .ifPresent(
              key -> figures.put(key, Double.isNaN(result.measured()) ? null : result.measured()));
    }
    return figures;
  }

  /**
   * The one line that answers the search: the highest level that met every clause, re-checked, with
   * its figures from the re-check; or that none did, with the lowest level's failing clauses.
   */
  public static String answer(LoadSearch search, List<SearchStepResult> steps) {
    String what = search.spec().whole() ? "concurrency" : "request rate";
    if (search.boundary().isPresent()) {
      double boundary = search.boundary().getAsDouble();
      SearchStepResult recheck = steps.get(steps.size() - 1);
      String line =
          String.format(
              Locale.ROOT,
              "Highest %s that met every SLO clause: %s (re-checked, within %s): %s",
              what,
              LoadView.number(boundary),
              LoadView.number(search.spec().precision()),
              figures(recheck));
      return search.reachedMax()
          ? line + "; that is -DsearchMax: the server may take more, raise it to look higher"
          : line;
    }
    if (steps.isEmpty()) {
      return "No " + what + " was measured: the search ran no step";
    }
    if (search.highestPassed().isPresent()) {
      return String.format(
          Locale.ROOT,
          "No %s was confirmed to meet every SLO clause: %s passed but the steps ran out before"
              + " its re-check passed",
          what,
          LoadView.number(search.highestPassed().getAsDouble()));
    }
    SearchStepResult lowest = steps.get(0);
    return String.format(
        Locale.ROOT,
        "No %s met every SLO clause: the lowest, %s, missed: %s",
        what,
        LoadView.number(lowest.step().level()),
        lowest.verdict().whyLine());
  }

  /** {@code tpot.p99<25ms measured 23.95, ..., goodput 11.2 req/s}: what the gates read. */
  private static String figures(SearchStepResult step) {
    List<String> parts = new ArrayList<>();
    for (SloResult r : step.verdict().slo().results()) {
      if (r.clause().gate()) {
        parts.add(String.format(Locale.ROOT, "%s measured %.2f", r.clause().text(), r.measured()));
      }
    }
    Goodput goodput = step.summary().goodput();
    if (goodput != null) {
      parts.add(String.format(Locale.ROOT, "goodput %.2f req/s", goodput.requestGoodput()));
    }
    parts.add(String.format(Locale.ROOT, "%.2f req/s", step.summary().requestThroughput()));
    return String.join(", ", parts);
  }

  /** The console table, one row per step, then the answer. */
  public static String table(LoadSearch search, List<SearchStepResult> steps, SloSet slo) {
    StringBuilder out = new StringBuilder();
    SearchSpec spec = search.spec();
    out.append(
        String.format(
            Locale.ROOT,
            "=== Search: highest %s meeting %s (%s to %s, within %s): %d step%s ===%n",
            spec.whole() ? "concurrency" : "request rate",
            slo.text(),
            LoadView.number(spec.min()),
            LoadView.number(spec.max()),
            LoadView.number(spec.precision()),
            steps.size(),
            steps.size() == 1 ? "" : "s"));
    List<String> keys = latencyKeys(slo);
    StringBuilder head =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%4s %-8s %11s",
                "step",
                "phase",
                spec.whole() ? "concurrency" : "rate"));
    keys.forEach(k -> head.append(String.format(Locale.ROOT, " %14s", k)));
    head.append(
        String.format(Locale.ROOT, " %10s %10s %8s  %s", "req/s", "goodput", "errors", "SLO"));
    out.append(head).append('\n');
    for (int i = 0; i < steps.size(); i++) {
      SearchStepResult step = steps.get(i);
      StringBuilder row =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%4d %-8s %11s",
                  i + 1,
                  step.step().phase().word(),
                  LoadView.number(step.step().level())));
      Map<String, Double> figures = latencyFigures(step);
      keys.forEach(k -> row.append(cell(figures.get(k), 14)));
      row.append(cell(step.summary().requestThroughput(), 10));
      row.append(cell(goodput(step.summary(), Goodput::requestGoodput), 10));
      row.append(String.format(Locale.ROOT, " %8d", step.summary().failed()));
      row.append(step.step().passed() ? "  met" : "  missed: " + step.verdict().whyLine());
      out.append(row).append('\n');
    }
    return out.append(answer(search, steps)).append('\n').toString();
  }

  private static String cell(Double value, int width) {
    return value == null || value.isNaN()
        ? String.format(Locale.ROOT, " %" + width + "s", "n/a")
        : String.format(Locale.ROOT, " %" + width + ".2f", value);
  }

  /** search.csv: a header, then one row per step; empty cells where a figure does not exist. */
  public static String csv(LoadSearch search, List<SearchStepResult> steps, SloSet slo) {
    List<String> keys = latencyKeys(slo);
    StringBuilder out =
        new StringBuilder("step,").append(parameter(search.spec())).append(",phase,passed");
    FIXED.keySet().forEach(k -> out.append(',').append(k));
    keys.forEach(k -> out.append(',').append(k));
    out.append(",why_failed\n");
    for (int i = 0; i < steps.size(); i++) {
      SearchStepResult step = steps.get(i);
      out.append(i + 1)
          .append(',')
          .append(LoadView.number(step.step().level()))
          .append(',')
          .append(step.step().phase().word())
          .append(',')
          .append(step.step().passed());
      FIXED.values().forEach(f -> out.append(',').append(csvNumber(f.apply(step.summary()))));
      Map<String, Double> figures = latencyFigures(step);
      keys.forEach(k -> out.append(',').append(csvNumber(figures.get(k))));
      out.append(',').append(csvText(step.verdict().whyLine())).append('\n');
    }
    return out.toString();
  }

  private static String csvNumber(Double v) {
    return v == null || v.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** A free-text cell, quoted when it holds a comma or a quote (RFC 4180). */
  private static String csvText(String text) {
    return text.contains(",") || text.contains("\"")
        ? '"' + text.replace("\"", "\"\"") + '"'
        : text;
  }

  /**
   * search.json: what was searched, the answer ({@code boundary}, null when no level was
   * confirmed), and the same rows as the CSV.
   */
  public static ObjectNode json(LoadSearch search, List<SearchStepResult> steps, SloSet slo) {
    SearchSpec spec = search.spec();
    ObjectNode root = JSON.createObjectNode();
    root.put("parameter", parameter(spec));
    root.put("slo", slo.text());
    root.put("search_min", spec.min());
    root.put("search_max", spec.max());
    root.put("search_precision", spec.precision());
    if (search.boundary().isPresent()) {
      root.put("boundary", search.boundary().getAsDouble());
    } else {
      root.putNull("boundary");
    }
    root.put("reached_max", search.reachedMax());
    root.put("answer", answer(search, steps));
    ArrayNode gates = root.putArray("gates");
    for (SloClause clause : slo.clauses()) {
      figureKey(clause)
          .ifPresent(
              key ->
                  gates
                      .addObject()
                      .put("clause", clause.text())
                      .put("key", key)
                      // in the unit of the step's column: good_request_fraction is a fraction
                      .put(
                          "threshold",
                          clause.quantity() == Quantity.GOOD_REQUEST_FRACTION
                              ? clause.threshold() / 100
                              : clause.threshold()));
    }
    ArrayNode rows = root.putArray("steps");
    for (int i = 0; i < steps.size(); i++) {
      SearchStepResult step = steps.get(i);
      SearchStep s = step.step();
      ObjectNode row = rows.addObject();
      row.put("step", i + 1);
      row.put(parameter(spec), s.level());
      row.put("phase", s.phase().word());
      row.put("passed", s.passed());
      FIXED.forEach((key, figure) -> put(row, key, figure.apply(step.summary())));
      latencyFigures(step).forEach((key, value) -> put(row, key, value));
      row.put("why_failed", s.whyFailed().orElse(null));
      ArrayNode why = row.putArray("reasons");
      step.verdict().whyFailed().forEach(why::add);
    }
    return root;
  }

  /** Writes search.json and search.csv into {@code folder}; returns the files. */
  public static List<Path> write(
      Path folder, LoadSearch search, List<SearchStepResult> steps, SloSet slo) throws IOException {
    Path json = folder.resolve(JSON_FILE);
    Files.write(json, JSON.writeValueAsBytes(json(search, steps, slo)));
    Path csv = folder.resolve(CSV_FILE);
    Files.writeString(csv, csv(search, steps, slo), StandardCharsets.UTF_8);
    return List.of(json, csv);
  }

  private static void put(ObjectNode row, String key, Double value) {
    if (value == null || value.isNaN()) {
      row.putNull(key);
    } else {
      row.put(key, value);
    }
  }

  private static Double goodput(Summary s, Function<Goodput, Double> figure) {
    return s.goodput() == null ? null : figure.apply(s.goodput());
  }
}
