package onlinebench.merge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import onlinebench.metrics.NamedRecorders.Snapshot;
import onlinebench.metrics.RecorderState;
import onlinebench.metrics.Summary;
import onlinebench.metrics.TimeSeries;
import onlinebench.record.ErrorKind;
import onlinebench.report.ConsoleSummary;
import onlinebench.report.HistogramsFile;
import onlinebench.report.RunFacts;
import onlinebench.report.SummaryCsv;
import onlinebench.report.SummaryJson;
import onlinebench.report.html.LlmHtmlReport;
import onlinebench.report.html.LlmReportData;

/**
 * Merges the runs of several load generators that each ran a share of one benchmark ({@code
 * -DinjectorIndex=i -DinjectorCount=n}), or each ran one user-written Simulation ({@link
 * ScenarioMerge}): {@code ./mvnw -q compile exec:java@merge -Druns=dirA,dirB}. Adds their
 * histograms (percentiles come from all the requests, never an average of percentiles), sums their
 * counters, and takes the duration from the earliest first send to the latest end on the wall
 * clock; writes summary.json, summary.csv, histograms.json and llm.html into {@code -Dout} (default
 * {@code target/gatling/merged-<time>}) and prints the summary. Exits 2 on bad input, with one line
 * on stderr.
 */
public final class MergeMain {
  static final int BAD_INPUT = 2;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private MergeMain() {}

  public static void main(String[] args) {
    Map<String, String> props =
        Map.of("runs", System.getProperty("runs", ""), "out", System.getProperty("out", ""));
    int code = run(props, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** The whole command, testable: returns the exit code. */
  static int run(Map<String, String> props, PrintStream out, PrintStream err) {
    Instant now = Instant.now();
    try {
      List<MergeInput> runs = new ArrayList<>();
      for (Path folder : folders(props.getOrDefault("runs", ""))) {
        runs.add(MergeInput.read(folder));
      }
      Compatibility.check(runs);
      Path folder = outFolder(props.getOrDefault("out", ""), now);
      out.println("Merged " + runs.size() + " load generators' runs:");
      runs.forEach(r -> out.println("  " + r.folder().toAbsolutePath()));
      if (MergeInput.anyPartial(runs)) {
        out.println("Warning: a run was stopped early (partial): so is the merged run");
      }
      if (!overlap(runs)) {
        out.println(
            "Warning: the runs did not all overlap in time (one ended before another began): the"
                + " merged duration spans the gap, so its throughputs are below what the load"
                + " reached");
      }
      out.println();
      Snapshot histograms = added(runs);
      ObjectNode json =
          runs.get(0).scenario()
              ? ScenarioMerge.render(histograms, runs, now, out)
              : renderBenchmark(histograms.all(), runs, now, out);
      write(folder, json, histograms, out);
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("merge: " + e.getMessage());
      return BAD_INPUT;
    } catch (IOException e) {
      err.println("merge: the merged run could not be written: " + e.getMessage());
      return BAD_INPUT;
    }
  }

  /**
   * Whether some moment falls within every run that sent a request (on the generators' wall
   * clocks): the latest first send is before the earliest last end.
   */
  static boolean overlap(List<MergeInput> runs) {
    long latestFirst = Long.MIN_VALUE;
    long earliestLast = Long.MAX_VALUE;
    for (MergeInput run : runs) {
      OptionalLong first = run.state().firstSendEpochNanos();
      OptionalLong last = run.state().lastEndEpochNanos();
      if (first.isPresent() && last.isPresent()) {
        latestFirst = Math.max(latestFirst, first.getAsLong());
        earliestLast = Math.min(earliestLast, last.getAsLong());
      }
    }
    return latestFirst <= earliestLast;
  }

  /**
   * Every run's histograms and counters added: the whole runs', and each request name's in the
   * order the runs list them (a user-written Simulation's).
   */
  static Snapshot added(List<MergeInput> runs) {
    RecorderState all = runs.get(0).state();
    Map<String, RecorderState> byName = new LinkedHashMap<>(runs.get(0).histograms().byName());
    for (MergeInput run : runs.subList(1, runs.size())) {
      all = all.plus(run.state());
      run.histograms().byName().forEach((name, s) -> byName.merge(name, s, RecorderState::plus));
    }
    return new Snapshot(all, byName);
  }

  /** Prints the merged benchmark's console summary and returns its summary.json. */
  private static ObjectNode renderBenchmark(
      RecorderState state, List<MergeInput> runs, Instant now, PrintStream out) {
    Summary summary = state.summary();
    RunFacts facts = MergedFacts.of(runs);
    // the configuration is the first run's; its index stands for all of them now, as in
    // summary.json
    out.print(
        ConsoleSummary.render(summary, facts)
            .replaceFirst("(?m)^injectorIndex: \\d+$", "injectorIndex: (merged)"));
    return summaryJson(summary, facts, runs, now);
  }

  private static List<Path> folders(String runs) {
    List<Path> folders = new ArrayList<>();
    for (String item : runs.split(",")) {
      if (!item.isBlank()) {
        folders.add(Path.of(item.strip()));
      }
    }
    if (folders.isEmpty()) {
      throw new IllegalArgumentException(
          "runs is required: -Druns=dirA,dirB,... (the run folders of every load generator, each"
              + " holding summary.json and histograms.json)");
    }
    return folders;
  }

  private static Path outFolder(String out, Instant now) throws IOException {
    Path folder =
        out.isBlank()
            ? Path.of("target", "gatling", "merged-" + STAMP.format(now))
            : Path.of(out.strip());
    return Files.createDirectories(folder);
  }

  /**
   * summary.json of the merged run: its figures, the first run's configuration with injectorIndex
   * marked merged, and the run folders it came from.
   */
  private static ObjectNode summaryJson(
      Summary summary, RunFacts facts, List<MergeInput> runs, Instant now) {
    ObjectNode json = SummaryJson.toJson(summary, facts, now);
    ObjectNode config = runs.get(0).config().deepCopy();
    config.put("injectorIndex", "(merged)");
    json.set("config", config);
    ArrayNode from = json.putArray("merged_from");
    runs.forEach(r -> from.add(r.folder().toAbsolutePath().toString()));
    return json;
  }

  private static void write(Path folder, ObjectNode json, Snapshot histograms, PrintStream out)
      throws IOException {
    out.println("Summary JSON: " + SummaryJson.write(folder, json).toAbsolutePath());
    out.println("Summary CSV: " + SummaryCsv.write(folder, json).toAbsolutePath());
    out.println("Histograms: " + HistogramsFile.write(folder, histograms).toAbsolutePath());
    // no per-second series: each generator's own llm.html has them on its own clock
    ObjectNode data =
        LlmReportData.of(json, noSeries(), histograms.all().distributions(), List.of());
    out.println(
        "LLM report (no per-second charts when merged): "
            + LlmHtmlReport.write(folder, data).toAbsolutePath());
  }

  private static TimeSeries.Snapshot noSeries() {
    Map<ErrorKind, long[]> failed = new java.util.EnumMap<>(ErrorKind.class);
    for (ErrorKind kind : ErrorKind.values()) {
      failed.put(kind, new long[0]);
    }
    return new TimeSeries.Snapshot(new long[0], failed, new long[0], new long[0], new double[0]);
  }
}
