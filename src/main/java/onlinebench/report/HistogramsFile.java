package onlinebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import onlinebench.metrics.NamedRecorders;
import onlinebench.metrics.RecorderState;
import onlinebench.metrics.RecorderStateJson;

/**
 * histograms.json, beside summary.json: the run's HdrHistograms and counters (see {@link
 * RecorderStateJson}), so that several load generators' runs merge exactly. A user-written
 * Simulation's adds {@code per_request_name}: each request name's state in the same form.
 */
public final class HistogramsFile {
  /** The file name, written in Gatling's run folder. */
  public static final String FILE_NAME = "histograms.json";

  private static final String BY_NAME = "per_request_name";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HistogramsFile() {}

  /** Writes histograms.json into {@code folder} and returns its path. */
  public static Path write(Path folder, RecorderState state) throws IOException {
    return write(folder, new NamedRecorders.Snapshot(state, Map.of()));
  }

  /**
   * Writes histograms.json, with each request name's state when there are any (a user-written
   * Simulation's).
   */
  public static Path write(Path folder, NamedRecorders.Snapshot histograms) throws IOException {
    ObjectNode root = RecorderStateJson.toJson(histograms.all());
    if (!histograms.byName().isEmpty()) {
      ObjectNode names = root.putObject(BY_NAME);
      histograms.byName().forEach((name, s) -> names.set(name, RecorderStateJson.toJson(s)));
    }
    Path file = folder.resolve(FILE_NAME);
    Files.write(file, JSON.writeValueAsBytes(root));
    return file;
  }

  /**
   * @throws IllegalArgumentException when the file is not a histograms.json
   */
  public static NamedRecorders.Snapshot read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + " is not a JSON object");
    }
    try {
      Map<String, RecorderState> byName = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> names = root.path(BY_NAME).fields();
      while (names.hasNext()) {
        Map.Entry<String, JsonNode> name = names.next();
        byName.put(name.getKey(), RecorderStateJson.fromJson(name.getValue()));
      }
      return new NamedRecorders.Snapshot(RecorderStateJson.fromJson(root), byName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
