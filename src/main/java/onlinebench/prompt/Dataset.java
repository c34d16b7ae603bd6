package onlinebench.prompt;

import java.util.List;

/**
 * The usable entries of a dataset file, each the messages one request sends, in file order.
 *
 * @param source the file as the user named it
 * @param format the one format of its entries
 * @param jsonArray whether the file is one JSON array (the original ShareGPT file) rather than
 *     JSONL
 * @param entries the messages of each usable entry, in file order, at least one
 * @param skipped well-formed entries with nothing to send (a ShareGPT conversation without a human
 *     turn), left out and reported
 */
public record Dataset(
    String source,
    DatasetFormat format,
    boolean jsonArray,
    List<List<ChatPrompt.Message>> entries,
    int skipped) {

  public Dataset {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a dataset needs at least one entry");
    }
  }

  /**
   * One line for the console, e.g. {@code data.json: 3 ShareGPT entries (JSON array), 1 skipped:
   * ...}.
   */
  public String describe() {
    return String.format(
        "%s: %,d %s entries (%s)%s",
        source,
        entries.size(),
        format.description(),
        jsonArray ? "JSON array" : "JSONL",
        skipped == 0 ? "" : String.format(", %,d skipped: no human turn with text", skipped));
  }
}
