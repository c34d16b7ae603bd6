package onlinebench.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one dataset entry, a parsed JSON object, into the messages its request sends. Knows the two
 * entry shapes and nothing about files or lines: a bad entry is a {@link BadEntry} with the reason,
 * to which the reader adds where it was.
 *
 * <ul>
 *   <li>OpenAI: every message is sent in order, except a final {@code assistant} message: like
 *       vLLM's datasets, that is the reference answer, and the benchmark asks the server for its
 *       own. Content is a string, or an array of {@code {"type":"text","text":...}} parts, joined
 *       with a newline.
 *   <li>ShareGPT: the first turn from {@code human} (or {@code user}) is sent as the one user
 *       message, as vLLM's benchmark does; the other turns are not sent. A conversation without
 *       such a turn (the original ShareGPT file has empty ones) is well-formed but unusable: it is
 *       skipped and counted.
 * </ul>
 */
final class DatasetEntries {
  private static final int SHOWN_CHARS = 80;
  private static final Set<String> HUMAN = Set.of("human", "user");
  private static final String MESSAGES_SHAPE =
      "\"messages\" must be a non-empty array of {\"role\",\"content\"} objects";
  private static final String CONVERSATIONS_SHAPE =
      "\"conversations\" must be an array of {\"from\",\"value\"} objects";

  private DatasetEntries() {}

  /** Why an entry cannot be used; its message is the reason, without file or line. */
  static final class BadEntry extends Exception {
    private static final long serialVersionUID = 1L;

    BadEntry(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Which format an entry is, from its keys. */
  static DatasetFormat formatOf(JsonNode entry) throws BadEntry {
    if (!entry.isObject()) {
      throw new BadEntry(
          "an entry must be a JSON object with \"messages\" (OpenAI) or \"conversations\""
              + " (ShareGPT), got "
              + shown(entry));
    }
    boolean messages = entry.has("messages");
    boolean conversations = entry.has("conversations");
    if (messages == conversations) {
      throw new BadEntry(
          messages
              ? "an entry must have \"messages\" or \"conversations\", not both"
              : "an entry must have \"messages\" (OpenAI) or \"conversations\" (ShareGPT), got"
                  + " keys "
                  + shown(fieldNames(entry)));
    }
    return messages ? DatasetFormat.OPENAI_MESSAGES : DatasetFormat.SHAREGPT;
  }

  /**
   * The messages an entry of a known format sends; empty for a conversation with nothing to send.
   */
  static Optional<List<ChatPrompt.Message>> messages(JsonNode entry, DatasetFormat format)
      throws BadEntry {
    return format == DatasetFormat.OPENAI_MESSAGES
        ? Optional.of(openAi(entry.get("messages")))
        : shareGpt(entry.get("conversations"));
  }

  private static List<ChatPrompt.Message> openAi(JsonNode messages) throws BadEntry {
    if (!messages.isArray() || messages.isEmpty()) {
      throw new BadEntry(MESSAGES_SHAPE + ", got " + shown(messages));
    }
    List<ChatPrompt.Message> out = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      JsonNode role = message.path("role");
      if (!message.isObject() || !role.isTextual() || role.textValue().isBlank()) {
        throw new BadEntry(
            MESSAGES_SHAPE + "; messages[" + i + "] has no string \"role\": " + shown(message));
      }
      out.add(new ChatPrompt.Message(role.textValue(), content(message.get("content"), i)));
    }
    if (out.get(out.size() - 1).role().equals("assistant")) {
      out.remove(out.size() - 1); // the reference answer: the server writes its own
    }
    if (out.isEmpty()) {
      throw new BadEntry(
          "\"messages\" holds only an assistant answer; an entry needs a message to send before"
              + " it");
    }
    return List.copyOf(out);
  }

  private static String content(JsonNode content, int index) throws BadEntry {
    String where = "messages[" + index + "].content";
    if (content != null && content.isTextual()) {
      return content.textValue();
    }
    if (content == null || !content.isArray()) {
      throw new BadEntry(
          MESSAGES_SHAPE
              + "; "
              + where
              + " must be a string or an array of text parts, got "
              + (content == null ? "none" : shown(content)));
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part : content) {
      if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
        throw new BadEntry(
            where + " may hold only {\"type\":\"text\",\"text\":...} parts, got " + shown(part));
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(part.get("text").textValue());
    }
    return text.toString();
  }

  private static Optional<List<ChatPrompt.Message>> shareGpt(JsonNode conversations)
      throws BadEntry {
    if (!conversations.isArray()) {
      throw new BadEntry(CONVERSATIONS_SHAPE + ", got " + shown(conversations));
    }
    String firstHumanTurn = null;
    for (int i = 0; i < conversations.size(); i++) {
      JsonNode turn = conversations.get(i);
      JsonNode from = turn.path("from");
      JsonNode value = turn.path("value");
      if (!turn.isObject() || !from.isTextual() || !value.isTextual()) {
        throw new BadEntry(
            CONVERSATIONS_SHAPE
                + "; conversations["
                + i
                + "] needs string \"from\" and \"value\": "
                + shown(turn));
      }
      if (firstHumanTurn == null && HUMAN.contains(from.textValue())) {
        firstHumanTurn = value.textValue();
      }
    }
    if (firstHumanTurn == null || firstHumanTurn.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(List.of(new ChatPrompt.Message("user", firstHumanTurn)));
  }

  private static String fieldNames(JsonNode entry) {
    List<String> names = new ArrayList<>();
    entry.fieldNames().forEachRemaining(names::add);
    return names.toString();
  }

  /** A value as JSON, cut to one short line for a message. */
  private static String shown(JsonNode node) {
    return shown(node.toString());
  }

  private static String shown(String text) {
    String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
    return oneLine.length() > SHOWN_CHARS ? oneLine.substring(0, SHOWN_CHARS - 3) + "..." : oneLine;
  }
}
