package onlinebench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator in a JVM of its own ({@code SimulatorMain}, the test classpath), as a user runs it
 * next to a benchmark: its timers then never share a JVM, a heap or a GC with the client's.
 */
final class SimulatorProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

  private final Process process;
  private final URI baseUrl;

  private SimulatorProcess(Process process, URI baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts it on a free port and waits for its "listening" line.
   *
   * @param launcher words put before {@code java}, e.g. {@code taskset -c 0}
   * @param jvmOptions e.g. a heap size
   * @param properties {@code sim.*} properties, without the {@code -D}
   */
  static SimulatorProcess start(
      List<String> launcher, List<String> jvmOptions, Map<String, String> properties)
      throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dsim.port=0");
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("onlinebench.simulator.SimulatorMain");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        return new SimulatorProcess(process, URI.create(m.group(1)));
      }
      seen.append(line).append('\n');
    }
    process.destroyForcibly();
    throw new IOException("the simulator exited before listening:\n" + seen);
  }

  /** {@code http://127.0.0.1:<port>/v1}. */
  URI baseUrl() {
    return baseUrl;
  }

  /** SIGTERM: its shutdown hook closes the server and flushes the truth log. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
