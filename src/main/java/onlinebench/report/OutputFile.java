package onlinebench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One output file written and named on the console in one line ({@code "Summary JSON: /path"}). A
 * file that cannot be written costs one line saying so, never the run's other outputs. Each file a
 * run of the benchmark or of a user-written Simulation writes at its end goes through here (a
 * sweep's or a search's tables are written together, with one such line for all).
 */
public final class OutputFile {
  /** Writes the file and returns where it landed. */
  @FunctionalInterface
  public interface Writer {
    /** Writes the file; returns its path. */
    Path write() throws IOException;
  }

  private OutputFile() {}

  /**
   * A file written elsewhere while the run lasted, moved into the run folder as {@code name} when
   * there is one (Gatling names it only once it runs), else left where it is.
   *
   * @return where the file is now
   */
  public static Path moveInto(Path file, String name, Optional<Path> folder) throws IOException {
    return folder.isPresent()
        ? Files.move(file, folder.get().resolve(name), StandardCopyOption.REPLACE_EXISTING)
        : file;
  }

  /**
   * Writes one file and prints {@code label: path}, or {@code name could not be written to folder:
   * reason}.
   *
   * @param folder where the file goes, named in the failure line
   */
  public static void write(PrintStream out, String label, String name, Path folder, Writer writer) {
    try {
      out.println(label + ": " + writer.write().toAbsolutePath());
    } catch (IOException e) {
      out.println(name + " could not be written to " + folder + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      // a background writer's failure, carried out of its thread: the reason is the cause's
      out.println(name + " could not be written to " + folder + ": " + e.getCause().getMessage());
    } catch (RuntimeException e) {
      // a page or log that fails to render (a bug, a full disk seen as unchecked) is still one line
      out.println(name + " could not be written to " + folder + ": " + e);
    }
  }
}
