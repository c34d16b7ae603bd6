package onlinebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import onlinebench.metrics.RecorderState;
import onlinebench.metrics.RecorderStateJson;

/**
 * histograms.json, beside summary.json: the run's HdrHistograms and counters (see {@link
 * RecorderStateJson}), so that several load generators' runs merge exactly.
 */
public final class HistogramsFile {
  /** The file name, written in Gatling's run folder. */
  public static final String FILE_NAME = "histograms.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HistogramsFile() {}

  /** Writes histograms.json into {@code folder} and returns its path. */
  public static Path write(Path folder, RecorderState state) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    Files.write(file, JSON.writeValueAsBytes(RecorderStateJson.toJson(state)));
    return file;
  }

  /**
   * @throws IllegalArgumentException when the file is not a histograms.json
   */
  public static RecorderState read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + " is not a JSON object");
    }
    try {
      return RecorderStateJson.fromJson(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
