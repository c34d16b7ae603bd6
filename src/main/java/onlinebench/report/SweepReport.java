package onlinebench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.Summary;
import onlinebench.record.LatencyMetric;

/**
 * A sweep's results, one row per level: the console table, {@code sweep.csv} and {@code
 * sweep.json}, and the sweep's {@code summary.json}, which holds every level's full summary (vLLM's
 * keys) under {@code levels}, since no single set of figures describes a sweep.
 */
public final class SweepReport {
  public static final String JSON_FILE = "sweep.json";
  public static final String CSV_FILE = "sweep.csv";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A column: its CSV/JSON key, its console heading, and how a level's figure is read. */
  private record Column(String key, String heading, Function<Summary, Double> figure) {}

  private static final List<Column> COLUMNS = columns();

  /** Throughputs, then every latency's median and p99. */
  private static List<Column> columns() {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("request_throughput", "req/s", Summary::requestThroughput));
    columns.add(new Column("output_throughput", "out tok/s", Summary::outputThroughput));
    for (LatencyMetric metric : LatencyMetric.values()) {
      columns.add(
          new Column(
              LatencyStats.jsonKey("median", metric.key()),
              metric.label() + " p50",
              s -> stat(s.latency(metric), LatencyStats::medianMs)));
      columns.add(
          new Column(
              LatencyStats.jsonKey("p99", metric.key()),
              metric.label() + " p99",
              s -> stat(s.latency(metric), LatencyStats::p99Ms)));
    }
    return List.copyOf(columns);
  }

  private SweepReport() {}

  /** The highest level that met the SLOs; empty without SLOs or when none met them. */
  public static Optional<SweepLevel> best(List<SweepLevel> levels) {
    SweepLevel best = null;
    for (SweepLevel level : levels) {
      if (level.metSlo().orElse(false) && (best == null || level.value() > best.value())) {
        best = level;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The console table, with the best level named when SLOs were given. */
  public static String table(List<SweepLevel> levels) {
    StringBuilder out = new StringBuilder();
    String parameter = levels.get(0).parameter().equals("concurrency") ? "concurrency" : "rate";
    out.append(String.format(Locale.ROOT, "=== Sweep: %d levels ===%n", levels.size()));
    boolean slo = levels.stream().anyMatch(l -> l.metSlo().isPresent());
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%11s", parameter));
    COLUMNS.forEach(c -> head.append(String.format(Locale.ROOT, " %10s", c.heading())));
    head.append(String.format(Locale.ROOT, " %8s", "errors"));
    if (slo) {
      head.append("  SLO");
    }
    out.append(head).append('\n');
    for (SweepLevel level : levels) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%11s", level.valueText()));
      for (Column c : COLUMNS) {
        Double v = c.figure().apply(level.summary());
        row.append(
            v == null
                ? String.format(Locale.ROOT, " %10s", "n/a")
                : String.format(Locale.ROOT, " %10.2f", v));
      }
      row.append(String.format(Locale.ROOT, " %8d", level.summary().failed()));
      level.metSlo().ifPresent(met -> row.append(met ? "  met" : "  missed"));
      out.append(row).append('\n');
    }
    if (slo) {
      out.append(
          best(levels)
              .map(b -> "Highest level that met the SLOs: " + b.valueText() + "\n")
              .orElse("No level met the SLOs\n"));
    }
    return out.toString();
  }

  /** sweep.csv: a header, then one row per level; empty cells where a figure does not exist. */
  public static String csv(List<SweepLevel> levels) {
    StringBuilder out = new StringBuilder(levels.get(0).parameter());
    COLUMNS.forEach(c -> out.append(',').append(c.key()));
    out.append(",completed,failed,met_slo\n");
    for (SweepLevel level : levels) {
      out.append(level.valueText());
      for (Column c : COLUMNS) {
        Double v = c.figure().apply(level.summary());
        out.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.4f", v));
      }
      out.append(',').append(level.summary().completed());
      out.append(',').append(level.summary().failed());
      out.append(',').append(level.metSlo().map(String::valueOf).orElse(""));
      out.append('\n');
    }
    return out.toString();
  }

  /** sweep.json: the parameter, the best level, and the same rows as the CSV. */
  public static ObjectNode json(List<SweepLevel> levels) {
    ObjectNode root = JSON.createObjectNode();
    root.put("parameter", levels.get(0).parameter());
    Optional<SweepLevel> best = best(levels);
    if (best.isPresent()) {
      root.put("best_level", best.get().value());
    } else {
      root.putNull("best_level");
    }
    ArrayNode rows = root.putArray("levels");
    for (SweepLevel level : levels) {
      ObjectNode row = rows.addObject();
      row.put(level.parameter(), level.value());
      for (Column c : COLUMNS) {
        Double v = c.figure().apply(level.summary());
        if (v == null) {
          row.putNull(c.key());
        } else {
          row.put(c.key(), v);
        }
      }
      row.put("completed", level.summary().completed());
      row.put("failed", level.summary().failed());
      if (level.metSlo().isPresent()) {
        row.put("met_slo", level.metSlo().get());
      } else {
        row.putNull("met_slo");
      }
    }
    return root;
  }

  /**
   * The sweep's summary.json: the sweep's parameter and best level, every level's full summary
   * under {@code levels} (each as a single run's summary.json), and the configuration.
   */
  public static ObjectNode summaryJson(List<SweepLevel> levels, RunFacts run, Instant finishedAt) {
    return summaryJson("sweep", json(levels), levels, run, finishedAt);
  }

  /**
   * A summary.json of several measured levels: {@code table} under {@code key} (a sweep's table, or
   * a search's steps), every level's full summary under {@code levels}, and the configuration.
   */
  public static ObjectNode summaryJson(
      String key, ObjectNode table, List<SweepLevel> levels, RunFacts run, Instant finishedAt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("date", finishedAt.toString());
    root.put("partial", run.partial());
    root.put("stopped_early", run.stoppedEarly().isPresent());
    root.put("stop_reason", run.stoppedEarly().orElse(null));
    root.set(key, table);
    ArrayNode all = root.putArray("levels");
    for (SweepLevel level : levels) {
      ObjectNode one =
          SummaryJson.toJson(
              level.summary(),
              new RunFacts(
                  level.config(),
                  run.builtInSimulator(),
                  run.partial(),
                  run.harness(),
                  run.promptSizing(),
                  level.stoppedEarly()),
              finishedAt);
      one.remove("config");
      all.add(one);
    }
    root.set("config", JSON.valueToTree(ConfigView.of(run.config(), run.builtInSimulator())));
    return root;
  }

  /**
   * Writes sweep.json, sweep.csv and summary.json into {@code folder}; returns the files.
   *
   * @param summaryJson the sweep's summary.json, from {@link #summaryJson}
   */
  public static List<Path> write(Path folder, List<SweepLevel> levels, ObjectNode summaryJson)
      throws IOException {
    List<Path> files = new ArrayList<>();
    Path json = folder.resolve(JSON_FILE);
    Files.write(json, JSON.writeValueAsBytes(json(levels)));
    files.add(json);
    Path csv = folder.resolve(CSV_FILE);
    Files.writeString(csv, csv(levels), StandardCharsets.UTF_8);
    files.add(csv);
    files.add(SummaryJson.write(folder, summaryJson));
    return files;
  }

  private static Double stat(LatencyStats stats, Function<LatencyStats, Double> figure) {
    return stats == null ? null : figure.apply(stats);
  }
}
