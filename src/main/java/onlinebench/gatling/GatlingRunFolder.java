package onlinebench.gatling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the folder Gatling writes this run's report into. Gatling does not tell a Simulation; by
 * the time {@code after()} runs the folder exists and holds simulation.log, named {@code
 * <simulation class, lower case>-<timestamp>} under the results folder ({@code -rf}, by default
 * {@code target/gatling}).
 */
public final class GatlingRunFolder {
  private GatlingRunFolder() {}

  /**
   * The newest run folder of {@code simulationClass} whose simulation.log was written since {@code
   * runStartMillis}.
   */
  public static Optional<Path> find(Class<?> simulationClass, long runStartMillis) {
    return newest(simulationClass.getSimpleName().toLowerCase(Locale.ROOT) + "-", runStartMillis);
  }

  /**
   * The newest run folder of any simulation whose simulation.log was written since {@code
   * runStartMillis}: for code that does not know which Simulation class Gatling runs (the llm
   * protocol's).
   */
  public static Optional<Path> findLatest(long runStartMillis) {
    return newest("", runStartMillis);
  }

  /**
   * The simulation a run folder belongs to, as Gatling names it: the folder's name without its
   * {@code -<timestamp>} ({@code conversationexamplesimulation-20261206152233444}).
   */
  public static String simulationId(Path runFolder) {
    return runFolder.getFileName().toString().replaceFirst("-\\d+$", "");
  }

  private static Optional<Path> newest(String prefix, long runStartMillis) {
    Path results = resultsFolder();
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    try (Stream<Path> runs = Files.list(results)) {
      return runs.filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> Files.isRegularFile(p.resolve("simulation.log")))
          .filter(p -> modifiedMillis(p.resolve("simulation.log")) >= runStartMillis - 1000)
          .max(Comparator.comparingLong(GatlingRunFolder::modifiedMillis));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Where this process writes requests.jsonl while Gatling runs: Gatling names the run folder only
   * once it runs, so the log is moved there at the end.
   */
  public static Path pendingRequestLog() {
    return resultsFolder().resolve(".requests-" + ProcessHandle.current().pid() + ".jsonl");
  }

  /** The {@code -rf} argument Gatling was started with, else {@code target/gatling}. */
  public static Path resultsFolder() {
    String command = System.getProperty("sun.java.command", "");
    String[] words = command.split(" ");
    for (int i = 0; i < words.length - 1; i++) {
      if (words[i].equals("-rf") || words[i].equals("--results-folder")) {
        return Paths.get(words[i + 1]);
      }
    }
    return Paths.get("target", "gatling");
  }

  private static long modifiedMillis(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }
}
