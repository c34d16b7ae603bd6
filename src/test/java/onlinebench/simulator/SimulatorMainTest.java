package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SimulatorMain} as a user runs it: its own JVM, properties on the command line. */
class SimulatorMainTest {

  private static final Pattern LISTENING =
      Pattern.compile(
          "Simulated LLM server listening on (http://127\\.0\\.0\\.1:\\d+/v1) \\(model tiny\\)");
  private Process process;

  @AfterEach
  void stopProcess() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process launch(String... systemProperties) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1"); // starts faster; this JVM serves a single request
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(List.of(systemProperties));
    command.add(SimulatorMain.class.getName());
    process = new ProcessBuilder(command).start();
    return process;
  }

  @Test
  void invalidPropertyExitsWithCodeTwoAndOneLineOnStderr() throws Exception {
    Process p = launch("-Dsim.ttftMs=abc");

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(new String(p.getErrorStream().readAllBytes(), UTF_8))
        .isEqualTo(
            "sim.ttftMs must be a number >= 0, got \"abc\" (-Dsim.ttftMs)"
                + System.lineSeparator());
    assertThat(p.getInputStream().readAllBytes()).isEmpty();
  }

  @Test
  void printsWhereItListensThenServesUntilStopped() throws Exception {
    Process p = launch("-Dsim.port=0", "-Dsim.model=tiny");

    String line =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8)).readLine());
    Matcher m = LISTENING.matcher(String.valueOf(line));
    assertThat(m.matches()).as("first line: %s", line).isTrue();
    var models = SimulatorClient.send("GET", URI.create(m.group(1) + "/models"));
    assertThat(SimulatorClient.json(models.body()).at("/data/0/id").asText()).isEqualTo("tiny");

    p.destroy(); // SIGTERM: the shutdown hook closes the server
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
  }
}
