package onlinebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * summary.csv, for spreadsheets: a header row and one value row holding summary.json's figures
 * under the same keys, nested ones flattened ({@code errors.http_5xx}, {@code config.model}; see
 * {@link FlatJson}). Numbers are written as summary.json writes them; null is an empty cell.
 * Quoting follows RFC 4180.
 */
public final class SummaryCsv {
  /** The file name, written beside summary.json. */
  public static final String FILE_NAME = "summary.csv";

  private SummaryCsv() {}

  /** The two rows, each ended by CRLF as RFC 4180 has it. */
  public static String toCsv(JsonNode summaryJson) {
    Map<String, JsonNode> flat = FlatJson.flatten(summaryJson);
    List<String> header = new ArrayList<>();
    List<String> values = new ArrayList<>();
    flat.forEach(
        (key, value) -> {
          header.add(cell(key));
          values.add(cell(value.isNull() ? "" : value.asText()));
        });
    return String.join(",", header) + "\r\n" + String.join(",", values) + "\r\n";
  }

  /** Writes summary.csv into {@code folder} and returns its path. */
  public static Path write(Path folder, JsonNode summaryJson) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    Files.writeString(file, toCsv(summaryJson), StandardCharsets.UTF_8);
    return file;
  }

  private static String cell(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
