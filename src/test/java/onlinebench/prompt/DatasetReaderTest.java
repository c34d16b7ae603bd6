package onlinebench.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import onlinebench.config.ConfigException;
import onlinebench.prompt.ChatPrompt.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each dataset format is read into the messages it sends; each bad entry names its line. */
class DatasetReaderTest {
  private static final Path DATA = Path.of("src/test/resources/data");

  @TempDir Path dir;

  private Path file(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private static Message user(String content) {
    return new Message("user", content);
  }

  @Test
  void readsOpenAiMessagesLeavingOutTheFinalAssistantAnswer() {
    Dataset dataset = DatasetReader.read(DATA.resolve("openai-messages.jsonl"));

    assertThat(dataset.format()).isEqualTo(DatasetFormat.OPENAI_MESSAGES);
    assertThat(dataset.jsonArray()).isFalse();
    assertThat(dataset.skipped()).isZero();
    assertThat(dataset.entries())
        .containsExactly(
            List.of(user("What is the capital of France?")),
            List.of(new Message("system", "You are terse."), user("Name three primes.")),
            List.of(
                user("Write a haiku about \"load tests\"."),
                new Message("assistant", "Requests in a queue"),
                user("Another one, please.")),
            List.of(user("Summarise this:\nGatling drives the load.")));
  }

  @Test
  void readsShareGptJsonlTakingTheFirstHumanTurn() {
    Dataset dataset = DatasetReader.read(DATA.resolve("sharegpt.jsonl"));

    assertThat(dataset.format()).isEqualTo(DatasetFormat.SHAREGPT);
    assertThat(dataset.jsonArray()).isFalse();
    assertThat(dataset.entries())
        .containsExactly(
            List.of(user("How do I reverse a list in Python?")),
            List.of(user("Translate 'good morning' to German.")),
            List.of(user("Tell me a joke about benchmarks.")));
  }

  @Test
  void readsTheOriginalShareGptJsonArrayAndCountsConversationsWithoutAHumanTurn() {
    Dataset dataset = DatasetReader.read(DATA.resolve("sharegpt.json"));

    assertThat(dataset.format()).isEqualTo(DatasetFormat.SHAREGPT);
    assertThat(dataset.jsonArray()).isTrue();
    assertThat(dataset.entries())
        .containsExactly(
            List.of(user("Explain continuous batching in one paragraph.")),
            List.of(user("What does TTFT measure?")),
            List.of(user("Why are prefix caches a problem for benchmarks?")));
    assertThat(dataset.skipped()).isEqualTo(1);
    assertThat(dataset.describe())
        .isEqualTo(
            DATA.resolve("sharegpt.json")
                + ": 3 ShareGPT entries (JSON array), 1 skipped: no human turn with text");
  }

  @Test
  void ignoresBlankLinesAndALeadingByteOrderMark() throws IOException {
    Path f =
        file(
            "bom.jsonl",
            "\uFEFF{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}",
            "",
            "   ",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}");

    assertThat(DatasetReader.read(f).entries())
        .containsExactly(List.of(user("a")), List.of(user("b")));
  }

  @Test
  void readsWindowsLineEndsAndALastLineWithoutOne() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("crlf.jsonl"),
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}\r\n"
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}");

    assertThat(DatasetReader.read(f).entries())
        .containsExactly(List.of(user("a")), List.of(user("b")));
  }

  @Test
  void rejectsMessagesThatAreNotAnArrayNamingTheLine() throws IOException {
    Path f =
        file(
            "data.jsonl",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}",
            "",
            "{\"messages\":\"hi\"}");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "dataset "
                + f
                + " line 3: \"messages\" must be a non-empty array of {\"role\",\"content\"}"
                + " objects, got \"hi\"");
  }

  @Test
  void rejectsEmptyMessages() throws IOException {
    Path f = file("data.jsonl", "{\"messages\":[]}");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessageStartingWith(
            "dataset " + f + " line 1: \"messages\" must be a non-empty array of");
  }

  @Test
  void rejectsAMessageWithoutRoleOrWithNonTextContent() throws IOException {
    Path noRole = file("role.jsonl", "{\"messages\":[{\"content\":\"x\"}]}");
    Path numberContent =
        file("content.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":7}]}");
    Path image =
        file(
            "image.jsonl",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}");

    assertThatThrownBy(() -> DatasetReader.read(noRole))
        .hasMessageEndingWith(
            "line 1: \"messages\" must be a non-empty array of"
                + " {\"role\",\"content\"} objects; messages[0] has no string \"role\":"
                + " {\"content\":\"x\"}");
    assertThatThrownBy(() -> DatasetReader.read(numberContent))
        .hasMessageEndingWith(
            "messages[0].content must be a string or an array of text parts, got 7");
    assertThatThrownBy(() -> DatasetReader.read(image))
        .hasMessageEndingWith(
            "line 1: messages[0].content may hold only {\"type\":\"text\",\"text\":...} parts,"
                + " got {\"type\":\"image_url\"}");
  }

  @Test
  void rejectsMessagesWithOnlyTheAssistantAnswer() throws IOException {
    Path f = file("data.jsonl", "{\"messages\":[{\"role\":\"assistant\",\"content\":\"x\"}]}");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessage(
            "dataset "
                + f
                + " line 1: \"messages\" holds only an assistant answer; an entry needs a message"
                + " to send before it");
  }

  @Test
  void rejectsInvalidJsonNamingTheLine() throws IOException {
    Path f =
        file(
            "data.jsonl",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"cut");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessageStartingWith(
            "dataset " + f + " line 2: not one JSON object on one line (JSONL): ");
  }

  @Test
  void rejectsTwoObjectsOnOneLine() throws IOException {
    Path f =
        file(
            "data.jsonl",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"
                + " {\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessageStartingWith("dataset " + f + " line 1: not one JSON object on one line");
  }

  @Test
  void rejectsAnEntryOfNeitherFormat() throws IOException {
    Path f = file("data.jsonl", "{\"prompt\":\"hello\"}");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessage(
            "dataset "
                + f
                + " line 1: an entry must have \"messages\" (OpenAI) or \"conversations\""
                + " (ShareGPT), got keys [prompt]");
  }

  @Test
  void rejectsALineThatIsNotAnObject() throws IOException {
    Path jsonl =
        file("data.jsonl", "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}", "\"b\"");
    Path array = file("data.json", "[1, 2]");

    assertThatThrownBy(() -> DatasetReader.read(jsonl))
        .hasMessage(
            "dataset "
                + jsonl
                + " line 2: an entry must be a JSON object with \"messages\" (OpenAI) or"
                + " \"conversations\" (ShareGPT), got \"b\"");
    assertThatThrownBy(() -> DatasetReader.read(array))
        .hasMessageContaining("line 1: an entry must be a JSON object");
  }

  @Test
  void rejectsMixedFormatsNamingTheLineAndWhereTheFirstFormatBegan() throws IOException {
    Path f =
        file(
            "mixed.jsonl",
            "",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}",
            "{\"conversations\":[{\"from\":\"human\",\"value\":\"b\"}]}");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessage(
            "dataset "
                + f
                + " line 3: a \"conversations\" entry in a file of OpenAI messages entries (since"
                + " line 2); one format per file");
  }

  @Test
  void rejectsAShareGptTurnWithoutValue() throws IOException {
    Path f =
        file(
            "sharegpt.jsonl",
            "{\"conversations\":[{\"from\":\"human\",\"value\":\"a\"}]}",
            "{\"conversations\":[{\"from\":\"human\"}]}");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessage(
            "dataset "
                + f
                + " line 2: \"conversations\" must be an array of {\"from\",\"value\"} objects;"
                + " conversations[0] needs string \"from\" and \"value\": {\"from\":\"human\"}");
  }

  @Test
  void namesTheLineOfABadEntryInsideAJsonArray() throws IOException {
    Path f =
        file(
            "sharegpt.json",
            "[",
            "  {\"conversations\": [{\"from\": \"human\", \"value\": \"a\"}]},",
            "  {",
            "    \"conversations\": {\"from\": \"human\"}",
            "  }",
            "]");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessageStartingWith("dataset " + f + " line 3: \"conversations\" must be an array of");
  }

  @Test
  void namesTheLineOfBrokenJsonInsideAJsonArray() throws IOException {
    Path f =
        file(
            "sharegpt.json",
            "[",
            "  {\"conversations\": [{\"from\": \"human\", \"value\": \"a\"}]},",
            "  {\"conversations\": [{\"from\": \"human\" \"value\": \"b\"}]}",
            "]");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessageStartingWith("dataset " + f + " line 3: invalid JSON: ");
  }

  @Test
  void rejectsAnUnclosedJsonArray() throws IOException {
    Path f = file("sharegpt.json", "[", "  {\"conversations\": []},");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessageContaining(" line 3: invalid JSON: Unexpected end-of-input");
  }

  @Test
  void rejectsAnEmptyFile() throws IOException {
    Path f = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessage(
            "dataset "
                + f
                + " has no entries: expected JSONL (one JSON object per line) of OpenAI"
                + " {\"messages\":[...]} or ShareGPT {\"conversations\":[...]} entries, or one JSON"
                + " array of them");
  }

  @Test
  void rejectsAnEmptyJsonArray() throws IOException {
    Path f = file("empty.json", "[ ]");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessageStartingWith("dataset " + f + " has no entries");
  }

  @Test
  void rejectsADatasetWhoseConversationsAllLackAHumanTurn() throws IOException {
    Path f =
        file(
            "sharegpt.jsonl",
            "{\"conversations\":[]}",
            "{\"conversations\":[{\"from\":\"gpt\",\"value\":\"hi\"}]}",
            "{\"conversations\":[{\"from\":\"human\",\"value\":\"  \"}]}");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessage(
            "dataset "
                + f
                + " has no usable entry: none of its 3 ShareGPT entries has a human turn"
                + " with text");
  }

  @Test
  void rejectsTextThatIsNotUtf8NamingTheLine() throws IOException {
    Path f = dir.resolve("latin1.jsonl");
    Files.write(
        f,
        ("{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}\n"
                + "{\"messages\":[{\"role\":\"user\",\"content\":\"caf\u00e9\"}]}\n")
            .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> DatasetReader.read(f))
        .hasMessageStartingWith(
            "dataset " + f + " line 2: not one JSON object on one line (JSONL): Invalid UTF-8");
  }

  @Test
  void aMissingFileIsOneLineToo() {
    Path f = dir.resolve("missing.jsonl");

    assertThatThrownBy(() -> DatasetReader.read(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("dataset " + f + " cannot be read: ");
  }
}
