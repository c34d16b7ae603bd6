package onlinebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OutputFileTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final Path folder = Path.of("/runs/r1").toAbsolutePath();

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void namesTheWrittenFileInOneLine() {
    OutputFile.write(out, "Summary JSON", "summary.json", folder, () -> folder.resolve("s.json"));
    assertThat(printed()).isEqualTo("Summary JSON: " + folder.resolve("s.json") + "\n");
  }

  @Test
  void aFileThatCannotBeWrittenIsOneLineNamingItsFolderAndReason() {
    OutputFile.write(
        out,
        "Summary CSV",
        "summary.csv",
        folder,
        () -> {
          throw new IOException("No space left on device");
        });
    assertThat(printed())
        .isEqualTo("summary.csv could not be written to " + folder + ": No space left on device\n");
  }

  @Test
  void anUncheckedFailureIsOneLineTooNamingItsType() {
    OutputFile.write(
        out,
        "LLM report",
        "llm.html",
        folder,
        () -> {
          throw new IllegalStateException();
        });
    assertThat(printed())
        .isEqualTo(
            "llm.html could not be written to " + folder + ": java.lang.IllegalStateException\n");
  }

  @Test
  void aBackgroundWritersFailureGivesItsCause() {
    OutputFile.write(
        out,
        "Per-request log",
        "requests.jsonl",
        folder,
        () -> {
          throw new java.io.UncheckedIOException(
              "requests.jsonl could not be written", new IOException("No space left on device"));
        });
    assertThat(printed())
        .isEqualTo(
            "requests.jsonl could not be written to " + folder + ": No space left on device\n");
  }
}
