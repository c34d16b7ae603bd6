package onlinebench.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import onlinebench.metrics.NamedRecorders;
import onlinebench.metrics.RecorderState;
import onlinebench.report.HistogramsFile;
import onlinebench.report.SummaryJson;

/**
 * One load generator's run folder, as the merge reads it.
 *
 * @param folder the run folder
 * @param summary its summary.json
 * @param histograms its histograms.json
 */
record MergeInput(Path folder, JsonNode summary, NamedRecorders.Snapshot histograms) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The run's configuration, as summary.json shows it. */
  JsonNode config() {
    return summary.path("config");
  }

  /** The whole run's histograms and counters. */
  RecorderState state() {
    return histograms.all();
  }

  /** Whether any of {@code runs} was stopped early (partial): then so is their merge. */
  static boolean anyPartial(List<MergeInput> runs) {
    return runs.stream().anyMatch(r -> r.summary().path("partial").asBoolean(false));
  }

  /** Whether a user-written Simulation made the run (its summary.json has per_request_name). */
  boolean scenario() {
    return summary.has("per_request_name");
  }

  /**
   * @throws IllegalArgumentException naming the folder and what is missing in it
   */
  static MergeInput read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          "runs must name run folders (each holding summary.json and histograms.json), got \""
              + folder
              + "\", which is not a folder");
    }
    Path summaryFile = folder.resolve(SummaryJson.FILE_NAME);
    Path histograms = folder.resolve(HistogramsFile.FILE_NAME);
    for (Path file : new Path[] {summaryFile, histograms}) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException(
            folder
                + " holds no readable "
                + file.getFileName()
                + " (a single-level run writes it; a sweep does not)");
      }
    }
    try {
      JsonNode summary = JSON.readTree(summaryFile.toFile());
      if (summary == null || !summary.path("config").isObject()) {
        throw new IllegalArgumentException(summaryFile + " is not a run's summary.json");
      }
      if (summary.has("merged_from")) {
        throw new IllegalArgumentException(
            folder
                + " is a merged run: merge the load generators' own run folders (it lists them in"
                + " merged_from)");
      }
      return new MergeInput(folder, summary, HistogramsFile.read(histograms));
    } catch (IOException e) {
      throw new IllegalArgumentException(folder + " could not be read: " + e.getMessage(), e);
    }
  }
}
