package onlinebench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import onlinebench.metrics.NamedRecorders;

/**
 * The files a single run leaves beside Gatling's report: summary.json for tools, summary.csv for
 * spreadsheets and histograms.json for the merge; the benchmark's and a user-written Simulation's
 * alike, each named on the console in one line (see {@link OutputFile}).
 */
public final class SummaryFiles {
  private SummaryFiles() {}

  /**
   * @param json summary.json's content, flattened into summary.csv
   * @param state the run's histograms and counters (and each request name's, for a scenario)
   */
  public static void write(
      Path folder, ObjectNode json, NamedRecorders.Snapshot state, PrintStream out) {
    OutputFile.write(
        out, "Summary JSON", "summary.json", folder, () -> SummaryJson.write(folder, json));
    OutputFile.write(
        out, "Summary CSV", "summary.csv", folder, () -> SummaryCsv.write(folder, json));
    OutputFile.write(
        out,
        "Histograms (for merging)",
        HistogramsFile.FILE_NAME,
        folder,
        () -> HistogramsFile.write(folder, state));
  }
}
