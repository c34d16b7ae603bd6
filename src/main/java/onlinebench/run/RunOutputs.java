package onlinebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.config.slo.SloSet;
import onlinebench.metrics.NamedRecorders;
import onlinebench.metrics.RecorderState;
import onlinebench.metrics.RunRecorder;
import onlinebench.metrics.Summary;
import onlinebench.report.ConsoleSummary;
import onlinebench.report.OutputFile;
import onlinebench.report.RunFacts;
import onlinebench.report.SearchReport;
import onlinebench.report.SearchStepResult;
import onlinebench.report.SummaryFiles;
import onlinebench.report.SummaryJson;
import onlinebench.report.SweepLevel;
import onlinebench.report.SweepReport;
import onlinebench.report.html.LlmHtmlReport;
import onlinebench.report.html.LlmReportData;
import onlinebench.report.html.SweepChartPoint;
import onlinebench.servermetrics.ServerComparison;
import onlinebench.servermetrics.ServerMetricsScraper;
import onlinebench.servermetrics.ServerSeries;
import onlinebench.slo.SloEvaluation;

/**
 * What a run leaves behind once its users are done or it was stopped: the summary on the console,
 * summary.json and .csv, histograms.json, llm.html, a sweep's files, requests.jsonl in Gatling's
 * run folder; and the exit code its SLOs call for. A file that cannot be written costs one line on
 * the console, never the other outputs.
 */
final class RunOutputs {
  /** The exit code of a run that missed an SLO, as Gatling's for failed assertions. */
  static final int SLO_FAILED_EXIT_CODE = 2;

  /**
   * The exit code of a run {@code -DstopOnErrors} stopped: not Gatling's 1 (a crash) nor 2 (failed
   * assertions), so a CI script can tell a doomed server from a missed SLO. It wins over {@link
   * #SLO_FAILED_EXIT_CODE}: a stopped run's figures cover only its start.
   */
  static final int STOPPED_EARLY_EXIT_CODE = 3;

  private final StartedRun run;
  private final PrintStream out;

  /**
   * Whether a level's figures met every SLO clause (-Dslo), which names a sweep's highest passing
   * level. Empty: no SLOs were given.
   */
  private final Optional<Predicate<Summary>> slo;

  RunOutputs(StartedRun run, PrintStream out) {
    this.run = run;
    this.out = out;
    BenchConfig config = run.config();
    this.slo =
        config.slo().isEmpty()
            ? Optional.empty()
            : Optional.of(summary -> SloEvaluation.evaluate(config.slo(), summary).allPassed());
  }

  /**
   * Prints the summary and writes the run's files; a stopped run's are marked partial.
   *
   * @param runFolder finds Gatling's folder of this run, where the files go
   * @return the run's summary (a sweep's: its last measured level's); null for a sweep that sent
   *     nothing
   */
  Summary write(boolean partial, Supplier<Optional<Path>> runFolder) {
    BenchConfig config = run.config();
    RunFacts facts =
        new RunFacts(
            config,
            run.simulator().isPresent(),
            partial,
            run.monitor().load(),
            run.prompts().sizing(config.workload().tokenizer()),
            stoppedEarly());
    Optional<Path> folder = runFolder.get();
    Summary summary;
    out.println();
    if (run.search().isPresent()) {
      summary = writeSearch(run.search().get(), facts, folder);
    } else if (run.levels().size() == 1) {
      // one snapshot: histograms.json holds exactly what the summary was computed from
      RunRecorder recorder = run.levels().get(0).recorder();
      RecorderState state = recorder.snapshot();
      summary = state.summary();
      ObjectNode json = SummaryJson.toJson(summary, facts, Instant.now());
      out.print(ConsoleSummary.render(summary, facts));
      run.serverMetrics()
          .filter(scraper -> recorder.firstStartNanos() != Long.MAX_VALUE)
          .ifPresent(scraper -> addServerView(json, scraper, recorder));
      run.requestLog().ifPresent(log -> log.closeInto(folder, out));
      run.serverMetrics().ifPresent(scraper -> moveServerMetrics(scraper, folder));
      folder.ifPresentOrElse(
          f -> writeJson(f, json, state),
          () -> out.println("summary.json not written: Gatling's run folder was not found"));
    } else {
      List<SweepLevel> measured = sweepLevels();
      summary = measured.isEmpty() ? null : measured.get(measured.size() - 1).summary();
      out.print(ConsoleSummary.renderSweep(measured, facts));
      run.requestLog().ifPresent(log -> log.closeInto(folder, out));
      run.serverMetrics().ifPresent(scraper -> moveServerMetrics(scraper, folder));
      folder.ifPresentOrElse(
          f -> writeSweep(f, measured, facts),
          () -> out.println("sweep files not written: Gatling's run folder was not found"));
    }
    out.flush();
    return summary;
  }

  /**
   * {@link #STOPPED_EARLY_EXIT_CODE} when {@code -DstopOnErrors} stopped a level (of a sweep too);
   * else {@link #SLO_FAILED_EXIT_CODE} when a single-level run missed an SLO; else 0. A sweep is
   * not gated by its SLOs: it names the highest level that met them instead.
   */
  int exitCode(Summary summary) {
    if (run.search().isPresent()) {
      // a search's steps may stop early or miss the SLO: that is how it finds the boundary
      return run.search().get().search().boundary().isPresent() ? 0 : SLO_FAILED_EXIT_CODE;
    }
    if (stoppedEarly().isPresent()) {
      return STOPPED_EARLY_EXIT_CODE;
    }
    return summary != null
            && run.levels().size() == 1
            && !SloEvaluation.evaluate(run.config().slo(), summary).allPassed()
        ? SLO_FAILED_EXIT_CODE
        : 0;
  }

  /**
   * Why -DstopOnErrors stopped the run: the level's reason; for a sweep, which level, why, and how
   * many later levels did not run.
   */
  private Optional<String> stoppedEarly() {
    List<MeasuredLevel> levels = run.levels();
    for (int i = 0; i < levels.size(); i++) {
      Optional<String> reason = levels.get(i).stoppedEarly();
      if (reason.isPresent() && levels.size() > 1) {
        int later = levels.size() - 1 - i;
        return Optional.of(
            String.format(
                Locale.ROOT,
                "at level %d of %d (%s): %s%s",
                i + 1,
                levels.size(),
                MeasuredLevel.name(levels.get(i).config()),
                reason.get(),
                later == 0
                    ? ""
                    : later == 1
                        ? "; the last level did not run"
                        : "; the " + later + " later levels did not run"));
      }
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  /**
   * The levels that sent anything (a stopped sweep leaves the later ones out), with SLO verdicts.
   */
  private List<SweepLevel> sweepLevels() {
    List<SweepLevel> measured = new ArrayList<>();
    for (MeasuredLevel level : run.levels()) {
      if (level.recorder().firstStartNanos() == Long.MAX_VALUE) {
        continue;
      }
      Summary s = level.recorder().summarize();
      Optional<String> stopped = level.stoppedEarly();
      // a level stopped early never showed the load it was asked for: it did not meet the SLOs
      measured.add(
          new SweepLevel(
              level.config(), s, slo.map(gate -> stopped.isEmpty() && gate.test(s)), stopped));
    }
    return measured;
  }

  private void writeSweep(Path folder, List<SweepLevel> measured, RunFacts facts) {
    if (measured.isEmpty()) {
      out.println("sweep files not written: no level sent a request");
      return;
    }
    try {
      ObjectNode summaryJson = SweepReport.summaryJson(measured, facts, Instant.now());
      for (Path file : SweepReport.write(folder, measured, summaryJson)) {
        out.println("Sweep file: " + file.toAbsolutePath());
      }
      // the page shows the very levels summary.json holds
      JsonNode perLevel = summaryJson.get("levels");
      List<SweepChartPoint> points = new ArrayList<>();
      for (int i = 0; i < measured.size(); i++) {
        points.add(
            new SweepChartPoint(MeasuredLevel.name(measured.get(i).config()), perLevel.get(i)));
      }
      RunRecorder last = run.levels().get(measured.size() - 1).recorder();
      writeHtml(
          folder, (ObjectNode) perLevel.get(measured.size() - 1), last, points, Optional.empty());
    } catch (IOException e) {
      out.println("sweep files could not be written to " + folder + ": " + e.getMessage());
    }
  }

  /**
   * A search's outputs: its table and answer on the console, search.json and .csv, summary.json
   * with every step's full summary, llm.html (the last step's figures, every step on the charts).
   *
   * @return the last step's summary; null when no step ran
   */
  private Summary writeSearch(SearchRun search, RunFacts facts, Optional<Path> folder) {
    search.judgeRunning();
    List<SearchStepResult> steps = search.results();
    SloSet slo = run.config().slo();
    out.print(SearchReport.table(search.search(), steps, slo));
    run.requestLog().ifPresent(log -> log.closeInto(folder, out));
    if (folder.isEmpty()) {
      out.println("search files not written: Gatling's run folder was not found");
    } else if (steps.isEmpty()) {
      out.println("search files not written: no step ran");
    } else {
      try {
        for (Path file : SearchReport.write(folder.get(), search.search(), steps, slo)) {
          out.println("Search file: " + file.toAbsolutePath());
        }
        List<SweepLevel> levels = steps.stream().map(SearchStepResult::asLevel).toList();
        ObjectNode summaryJson =
            SweepReport.summaryJson(
                "search",
                SearchReport.json(search.search(), steps, slo),
                levels,
                facts,
                Instant.now());
        out.println(
            "Summary JSON: " + SummaryJson.write(folder.get(), summaryJson).toAbsolutePath());
        JsonNode perStep = summaryJson.get("levels");
        List<SweepChartPoint> points = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
          points.add(
              new SweepChartPoint(
                  "step " + (i + 1) + ": " + MeasuredLevel.name(steps.get(i).config()),
                  perStep.get(i)));
        }
        List<MeasuredLevel> started = search.startedLevels();
        writeHtml(
            folder.get(),
            (ObjectNode) perStep.get(steps.size() - 1),
            started.get(steps.size() - 1).recorder(),
            points,
            Optional.of(SearchReport.json(search.search(), steps, slo)));
      } catch (IOException e) {
        out.println("search files could not be written to " + folder.get() + ": " + e.getMessage());
      }
    }
    return steps.isEmpty() ? null : steps.get(steps.size() - 1).summary();
  }

  /**
   * Sets the server's view beside ours in summary.json ({@code server}) and on the console, and
   * moves server-metrics.jsonl into the run folder.
   */
  private void addServerView(ObjectNode json, ServerMetricsScraper scraper, RunRecorder recorder) {
    ObjectNode server =
        ServerComparison.json(
            scraper.samples(),
            recorder.firstStartNanos(),
            recorder.lastEndNanos(),
            scraper.failures(),
            json);
    json.set("server", server);
    out.println(ServerComparison.consoleLine(server));
  }

  private void moveServerMetrics(ServerMetricsScraper scraper, Optional<Path> folder) {
    OutputFile.write(
        out,
        "Server metrics",
        ServerMetricsScraper.FILE_NAME,
        folder.orElse(scraper.file().getParent()),
        () -> OutputFile.moveInto(scraper.file(), ServerMetricsScraper.FILE_NAME, folder));
  }

  private void writeJson(Path folder, ObjectNode json, RecorderState state) {
    SummaryFiles.write(folder, json, new NamedRecorders.Snapshot(state, Map.of()), out);
    writeHtml(folder, json, run.levels().get(0).recorder(), List.of(), Optional.empty());
  }

  /**
   * Writes llm.html: the figures, series and distributions of one level (the run's, or a sweep's or
   * a search's last), for a sweep or a search one point per level, and a search's steps.
   */
  private void writeHtml(
      Path folder,
      ObjectNode summaryJson,
      RunRecorder recorder,
      List<SweepChartPoint> sweep,
      Optional<ObjectNode> search) {
    OutputFile.write(
        out,
        "LLM report",
        "llm.html",
        folder,
        () -> {
          ObjectNode data =
              LlmReportData.of(
                  summaryJson, recorder.timeSeries(), recorder.distributions(), sweep, search);
          // on the page's time axis: seconds from this level's first send
          run.serverMetrics()
              .filter(scraper -> recorder.firstStartNanos() != Long.MAX_VALUE)
              .ifPresent(
                  scraper ->
                      data.set(
                          "server",
                          ServerSeries.json(scraper.samples(), recorder.firstStartNanos())));
          return LlmHtmlReport.write(folder, data);
        });
  }
}
