package onlinebench.prompt;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import onlinebench.config.ConfigException;

/**
 * Reads a dataset file into a {@link Dataset}, before any load: every entry is checked, and the
 * first bad one stops the run with one line naming the file and the line, e.g. {@code dataset
 * data.jsonl line 17: "messages" must be a non-empty array of {"role","content"} objects, got
 * "hi"}. Nothing is skipped silently: blank lines are not entries, and the only entries left out
 * (ShareGPT conversations without a human turn) are counted in {@link Dataset#skipped()}.
 *
 * <p>Two framings, told apart by the first character: JSONL (one JSON object per line, either
 * format) or one JSON array of such objects (the original {@code
 * ShareGPT_V3_unfiltered_cleaned_split .json}). Both are read as a stream, one entry at a time, and
 * only what will be sent is kept (for ShareGPT, the first human turn), so the file itself is never
 * held in memory.
 */
public final class DatasetReader {
  // A JSONL line must be one value; inside an array the next entry is no trailing garbage.
  private static final ObjectMapper LINE_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper ARRAY_JSON = new ObjectMapper();
  private static final String EXPECTED =
      "expected JSONL (one JSON object per line) of OpenAI {\"messages\":[...]} or ShareGPT"
          + " {\"conversations\":[...]} entries, or one JSON array of them";

  private static final int READ_BYTES = 64 * 1024;

  private final Path file;
  private final String source;
  private DatasetFormat format;
  private long formatLine;
  private final List<List<ChatPrompt.Message>> entries = new ArrayList<>();
  private int skipped;

  private DatasetReader(Path file) {
    this.file = file;
    this.source = file.toString();
  }

  /**
   * Reads and checks the whole file.
   *
   * @throws ConfigException naming the file and line of the first bad entry, or when the file
   *     cannot be read or holds no usable entry
   */
  public static Dataset read(Path file) {
    DatasetReader reader = new DatasetReader(file);
    boolean jsonArray;
    try {
      jsonArray = startsWithArray(file);
      if (jsonArray) {
        reader.readArray();
      } else {
        reader.readLines();
      }
    } catch (IOException e) {
      throw new ConfigException(
          "dataset " + reader.source + " cannot be read: " + e + " (-Ddataset)");
    }
    return reader.dataset(jsonArray);
  }

  private Dataset dataset(boolean jsonArray) {
    if (format == null) {
      throw new ConfigException("dataset " + source + " has no entries: " + EXPECTED);
    }
    if (entries.isEmpty()) {
      throw new ConfigException(
          String.format(
              "dataset %s has no usable entry: none of its %,d %s entries has a human turn with text",
              source, skipped, format.description()));
    }
    return new Dataset(source, format, jsonArray, entries, skipped);
  }

  /** Whether the first character after an optional UTF-8 BOM and whitespace is {@code [}. */
  private static boolean startsWithArray(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      int c = in.read();
      if (c == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
        c = in.read();
      }
      while (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        c = in.read();
      }
      return c == '[';
    }
  }

  /**
   * JSONL: lines end with LF (a CR before it is dropped). Each line's bytes go to Jackson as they
   * are, so invalid UTF-8 is reported on its own line, and no decoded copy of the file is made.
   */
  private void readLines() throws IOException {
    byte[] chunk = new byte[READ_BYTES];
    byte[] line = new byte[READ_BYTES];
    int lineLength = 0;
    long lineNumber = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\n') {
            line = append(line, lineLength, chunk, from, i - from);
            lineLength += i - from;
            entryLine(line, lineLength, ++lineNumber);
            lineLength = 0;
            from = i + 1;
          }
        }
        line = append(line, lineLength, chunk, from, n - from);
        lineLength += n - from;
      }
    }
    if (lineLength > 0) {
      entryLine(line, lineLength, ++lineNumber); // a last line without LF
    }
  }

  private static byte[] append(byte[] line, int length, byte[] bytes, int from, int count) {
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(length + count, 2 * line.length));
    }
    System.arraycopy(bytes, from, line, length, count);
    return line;
  }

  private void entryLine(byte[] line, int length, long lineNumber) throws IOException {
    int from = 0;
    if (lineNumber == 1
        && length >= 3
        && (line[0] & 0xFF) == 0xEF
        && (line[1] & 0xFF) == 0xBB
        && (line[2] & 0xFF) == 0xBF) {
      from = 3; // a UTF-8 byte order mark
    }
    if (isBlank(line, from, length)) {
      return; // blank lines, e.g. at the end, are not entries
    }
    JsonNode entry;
    try {
      entry = LINE_JSON.readTree(line, from, length - from);
    } catch (JsonProcessingException e) {
      throw bad(lineNumber, "not one JSON object on one line (JSONL): " + e.getOriginalMessage());
    }
    add(entry, lineNumber);
  }

  private static boolean isBlank(byte[] line, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = line[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private void readArray() throws IOException {
    try (JsonParser p = ARRAY_JSON.createParser(file.toFile())) {
      try {
        p.nextToken(); // the START_ARRAY startsWithArray saw
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          if (t == null) {
            throw bad(p.currentLocation().getLineNr(), "the JSON array is not closed (no ])");
          }
          long line = p.currentTokenLocation().getLineNr();
          add(p.readValueAsTree(), line);
        }
        if (p.nextToken() != null) {
          throw bad(
              p.currentTokenLocation().getLineNr(), "unexpected data after the JSON array's ]");
        }
      } catch (JsonProcessingException e) {
        JsonLocation where = e.getLocation();
        throw bad(where == null ? 0 : where.getLineNr(), "invalid JSON: " + e.getOriginalMessage());
      }
    }
  }

  private void add(JsonNode entry, long line) {
    try {
      DatasetFormat entryFormat = DatasetEntries.formatOf(entry);
      if (format == null) {
        format = entryFormat;
        formatLine = line;
      } else if (entryFormat != format) {
        throw bad(
            line,
            "a "
                + entryFormat.key()
                + " entry in a file of "
                + format.description()
                + " entries (since line "
                + formatLine
                + "); one format per file");
      }
      DatasetEntries.messages(entry, entryFormat).ifPresentOrElse(entries::add, () -> skipped++);
    } catch (DatasetEntries.BadEntry e) {
      throw bad(line, e.getMessage());
    }
  }

  private ConfigException bad(long line, String reason) {
    return new ConfigException("dataset " + source + " line " + line + ": " + reason);
  }
}
