package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import onlinebench.simulator.SimulatorServer;

/**
 * One forked run of our simulation through Gatling's own main class, exactly as {@code
 * gatling:test} forks it, so an integration test can set any property, read the exit code and
 * output, and still talk to a server it started itself:
 *
 * <pre>{@code
 * GatlingRun.Result r =
 *     GatlingRun.against(server).property("stream", "true").into(results).run();
 * JsonNode summary = r.summary();
 * }</pre>
 *
 * <p>Immutable, as Gatling's own builders: every method returns a new run, so one base can be
 * varied (two injectors of one benchmark differ in {@code injectorIndex} only).
 *
 * @param launcher words put before {@code java}, e.g. {@code taskset -c 1} to pin the client
 * @param jvmOptions added after the defaults, so they win (e.g. a heap size)
 * @param properties the run's {@code -D} properties, without the {@code -D}
 * @param reports whether Gatling writes its HTML reports ({@code -nr} when not)
 * @param resultsFolder Gatling's {@code -rf}: the run writes its run folder under it
 * @param simulation the Simulation class Gatling runs: the benchmark's unless a test gives another
 */
record GatlingRun(
    List<String> launcher,
    List<String> jvmOptions,
    Map<String, String> properties,
    boolean reports,
    Path resultsFolder,
    Class<?> simulation) {

  /** How long {@link #run()} waits: a hung run fails the test instead of the build. */
  private static final long TIMEOUT_SECONDS = 180;

  GatlingRun {
    launcher = List.copyOf(launcher);
    jvmOptions = List.copyOf(jvmOptions);
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A run against {@code apiBase}, which sets nothing else (no model). */
  static GatlingRun against(URI apiBase) {
    return new GatlingRun(
        List.of(),
        List.of(),
        Map.of("apiBase", apiBase.toString()),
        true,
        null,
        LlmBenchmarkSimulation.class);
  }

  /** A run against an in-process simulator, asking for the model it serves. */
  static GatlingRun against(SimulatorServer simulator) {
    return against(simulator.baseUrl()).property("model", "simulated-llm");
  }

  /** A run against a simulator in its own JVM, asking for the model it serves. */
  static GatlingRun against(SimulatorProcess simulator) {
    return against(simulator.baseUrl()).property("model", "simulated-llm");
  }

  /**
   * Without the harness's self-warmup ({@code selfWarmup=false}): for runs that check what is
   * counted and how, not how fast; it saves each such run the burst's seconds.
   */
  GatlingRun withoutSelfWarmup() {
    return property("selfWarmup", false);
  }

  GatlingRun property(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.put(name, value);
    return new GatlingRun(launcher, jvmOptions, all, reports, resultsFolder, simulation);
  }

  GatlingRun property(String name, long value) {
    return property(name, Long.toString(value));
  }

  GatlingRun property(String name, boolean value) {
    return property(name, Boolean.toString(value));
  }

  /** Every entry of {@code more}, replacing what was set before under the same name. */
  GatlingRun properties(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(properties);
    all.putAll(more);
    return new GatlingRun(launcher, jvmOptions, all, reports, resultsFolder, simulation);
  }

  /** Words put before {@code java}, e.g. {@code taskset -c 1}. */
  GatlingRun launchedWith(List<String> words) {
    return new GatlingRun(words, jvmOptions, properties, reports, resultsFolder, simulation);
  }

  GatlingRun jvmOptions(List<String> options) {
    return new GatlingRun(launcher, options, properties, reports, resultsFolder, simulation);
  }

  /**
   * Without Gatling's HTML reports ({@code -nr}): the simulation's own summary.json and console
   * summary are still written. For ITs that read only those.
   */
  GatlingRun withoutReports() {
    return new GatlingRun(launcher, jvmOptions, properties, false, resultsFolder, simulation);
  }

  /**
   * With Gatling's own console summary, which our gatling.conf turns off (the benchmark prints its
   * own): for ITs that read a user-written scenario's entries from it.
   */
  GatlingRun withGatlingConsole() {
    return property("gatling.data.writers.0", "console").property("gatling.data.writers.1", "file");
  }

  /** Runs {@code simulationClass} instead of the benchmark, e.g. a user-written example. */
  GatlingRun simulation(Class<?> simulationClass) {
    return new GatlingRun(
        launcher, jvmOptions, properties, reports, resultsFolder, simulationClass);
  }

  GatlingRun into(Path folder) {
    return new GatlingRun(launcher, jvmOptions, properties, reports, folder, simulation);
  }

  /** Runs to the end; fails the test if that takes more than 180 s. */
  Result run() throws IOException, InterruptedException {
    return start().await(TIMEOUT_SECONDS);
  }

  /** Starts the run and returns while it goes on. */
  Running start() throws IOException {
    if (resultsFolder == null) {
      throw new IllegalStateException("say where the run writes: into(folder)");
    }
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
    command.add(simulation.getName());
    command.add("-rf");
    command.add(resultsFolder.toString());
    if (!reports) {
      command.add("-nr");
    }
    Files.createDirectories(resultsFolder);
    Set<Path> earlier = runFolders(resultsFolder);
    Path out = Files.createTempFile(resultsFolder, "stdout", ".txt");
    Path err = Files.createTempFile(resultsFolder, "stderr", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
            .start();
    return new Running(process, out, err, resultsFolder, earlier);
  }

  /** The folders under {@code results} that hold a summary.json. */
  private static Set<Path> runFolders(Path results) throws IOException {
    try (Stream<Path> walk = Files.walk(results)) {
      return walk.filter(p -> p.getFileName().toString().equals("summary.json"))
          .map(Path::getParent)
          .collect(Collectors.toSet());
    }
  }

  /** A forked run still going: the test may read its output so far, signal it, or wait. */
  static final class Running {
    private final Process process;
    private final Path out;
    private final Path err;
    private final Path resultsFolder;
    private final Set<Path> earlierRunFolders;
    private final long startNanos = System.nanoTime();

    private Running(
        Process process, Path out, Path err, Path resultsFolder, Set<Path> earlierRunFolders) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.resultsFolder = resultsFolder;
      this.earlierRunFolders = earlierRunFolders;
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
          earlierRunFolders,
          (System.nanoTime() - startNanos) / 1_000_000);
    }
  }

  /**
   * What a run left behind: its exit code and output, and the files of the run folder it wrote.
   *
   * @param earlierRunFolders run folders already under {@code resultsFolder} before this run, so a
   *     folder kept across runs (the fidelity ITs') still finds this run's
   */
  record Result(
      int exitCode,
      String stdout,
      String stderr,
      Path resultsFolder,
      Set<Path> earlierRunFolders,
      long wallMillis) {

    /** Asserts the exit code; when it differs the message carries the run's stdout and stderr. */
    void assertExitCode(int expected) {
      assertThat(exitCode)
          .as("exit code; stdout:%n%s%nstderr:%n%s", stdout, stderr)
          .isEqualTo(expected);
    }

    /** The one run folder this run wrote (the folder of its summary.json). */
    Path runFolder() throws IOException {
      List<Path> written =
          runFolders(resultsFolder).stream().filter(p -> !earlierRunFolders.contains(p)).toList();
      assertThat(written)
          .as("run folders with summary.json this run wrote under %s", resultsFolder)
          .hasSize(1);
      return written.get(0);
    }

    /** A file of the run folder, e.g. {@code sweep.json}. */
    Path file(String name) throws IOException {
      return runFolder().resolve(name);
    }

    JsonNode summary() throws IOException {
      return RunFiles.JSON.readTree(file("summary.json").toFile());
    }

    /** requests.jsonl, one node a line (the run needs {@code requestLog=true}). */
    List<JsonNode> requests() throws IOException {
      return RunFiles.jsonLines(file("requests.jsonl"));
    }
  }
}
