package onlinebench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs our simulation in a forked JVM through Gatling's own main class, exactly as {@code
 * gatling:test} forks it, so a test can set any properties, read the exit code and output, and
 * still talk to a simulator it started itself.
 */
final class GatlingProcess {
  /** What a run left behind. */
  record Result(int exitCode, String stdout, String stderr, Path resultsFolder, long wallMillis) {}

  private GatlingProcess() {}

  /** A forked run still going: the test may read its output so far, signal it, or wait. */
  static final class Running {
    private final Process process;
    private final Path out;
    private final Path err;
    private final Path resultsFolder;
    private final long startNanos = System.nanoTime();

    private Running(Process process, Path out, Path err, Path resultsFolder) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.resultsFolder = resultsFolder;
    }

    String stdoutSoFar() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Sends SIGTERM, as {@code kill} or a CI runner cancelling a job does. */
    void terminate() {
      process.destroy();
    }

    Result await(long timeoutSeconds) throws IOException, InterruptedException {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "Gatling did not finish within " + timeoutSeconds + " s:\n" + stdoutSoFar());
      }
      return new Result(
          process.exitValue(),
          stdoutSoFar(),
          Files.readString(err, StandardCharsets.UTF_8),
          resultsFolder,
          (System.nanoTime() - startNanos) / 1_000_000);
    }
  }

  static Result run(Map<String, String> properties, Path resultsFolder, long timeoutSeconds)
      throws IOException, InterruptedException {
    return run(List.of(), List.of(), properties, resultsFolder, timeoutSeconds);
  }

  /**
   * @param launcher words put before {@code java}, e.g. {@code taskset -c 1} to pin the client
   * @param jvmOptions added after the defaults, so they win (e.g. a heap size)
   */
  static Result run(
      List<String> launcher,
      List<String> jvmOptions,
      Map<String, String> properties,
      Path resultsFolder,
      long timeoutSeconds)
      throws IOException, InterruptedException {
    return start(launcher, jvmOptions, properties, resultsFolder).await(timeoutSeconds);
  }

  static Running start(Map<String, String> properties, Path resultsFolder) throws IOException {
    return start(List.of(), List.of(), properties, resultsFolder);
  }

  static Running start(
      List<String> launcher,
      List<String> jvmOptions,
      Map<String, String> properties,
      Path resultsFolder)
      throws IOException {
    return start(launcher, jvmOptions, properties, resultsFolder, List.of());
  }

  /**
   * As {@link #start(Map, Path)}, without Gatling's HTML reports ({@code -nr}): the simulation's
   * own summary.json and console summary are still written. For ITs that read only those.
   */
  static Running startWithoutReports(
      List<String> jvmOptions, Map<String, String> properties, Path resultsFolder)
      throws IOException {
    return start(List.of(), jvmOptions, properties, resultsFolder, List.of("-nr"));
  }

  private static Running start(
      List<String> launcher,
      List<String> jvmOptions,
      Map<String, String> properties,
      Path resultsFolder,
      List<String> gatlingOptions)
      throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(jvmOptions);
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.add("--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");
    command.add("-Dprogress=plain");
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.gatling.app.Gatling");
    command.add("-s");
    command.add(LlmBenchmarkSimulation.class.getName());
    command.add("-rf");
    command.add(resultsFolder.toString());
    command.addAll(gatlingOptions);
    Files.createDirectories(resultsFolder);
    Path out = Files.createTempFile(resultsFolder, "stdout", ".txt");
    Path err = Files.createTempFile(resultsFolder, "stderr", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
            .start();
    return new Running(process, out, err, resultsFolder);
  }
}
