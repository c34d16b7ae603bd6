package onlinebench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code @dwmkerr/mock-llm}, an Express-based OpenAI-compatible mock server from npm that nobody on
 * this project wrote, running as its own Node.js process on loopback.
 *
 * <p>It takes its address from the {@code HOST} and {@code PORT} environment variables and its
 * rules from {@code --config} (dwmkerr/mock-llm {@code src/main.ts}); it prints nothing about the
 * port it really bound, so the port is one the test picks free. Everything it prints goes to a log
 * file through a thread of ours: it logs a line per request, which would fill an unread pipe and
 * stall it.
 */
final class MockLlmServer implements AutoCloseable {
  private static final Path MAIN =
      Path.of("node_modules", "@dwmkerr", "mock-llm", "dist", "main.js");

  /** Its log's usual name, beside the installed package. */
  static final String LOG = "mock-llm.log";

  private static final int ATTEMPTS = 3;
  private static final long READY_SECONDS = 60;

  private final Process process;
  private final int port;

  private MockLlmServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts it from an installed copy of the package and waits for its "server running" line. A port
   * taken between our pick and its bind is picked again.
   *
   * @param installed the folder {@link NpmPackage#install} filled
   * @param config its rules (YAML, the package's format)
   * @param log where its output goes, from the start of this server's life
   */
  static MockLlmServer start(Path installed, Path config, Path log)
      throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = freeLoopbackPort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  "node", installed.resolve(MAIN).toString(), "--config", config.toString())
              .directory(installed.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().put("HOST", "127.0.0.1");
      builder.environment().put("PORT", Integer.toString(port));
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new AssertionError(
            "node not found: ThirdPartyServerIT runs mock-llm with Node.js 20 ("
                + e.getMessage()
                + ")",
            e);
      }
      String ready = "server running on 127.0.0.1:" + port;
      CompletableFuture<Boolean> listening = new CompletableFuture<>();
      Thread pump = new Thread(() -> copyLines(process, log, ready, listening), "mock-llm-log");
      pump.setDaemon(true);
      pump.start();
      Boolean up;
      try {
        up = listening.get(READY_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        up = null;
      }
      if (Boolean.TRUE.equals(up)) {
        return new MockLlmServer(process, port);
      }
      NpmPackage.stop(process);
      pump.join(5_000);
      String output = Files.exists(log) ? Files.readString(log) : "";
      if (up == null) {
        throw new IOException(
            "mock-llm printed no \"" + ready + "\" within " + READY_SECONDS + " s:\n" + output);
      }
      last = new IOException("mock-llm exited before listening on port " + port + ":\n" + output);
      if (!output.contains("EADDRINUSE")) {
        throw last;
      }
    }
    throw last;
  }

  /**
   * Appends the process's output to {@code log}; completes {@code listening} with true at the line
   * {@code ready}, with false if the output ends before it.
   */
  private static void copyLines(
      Process process, Path log, String ready, CompletableFuture<Boolean> listening) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out =
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        // One line per request: flushed at once, so a test can count what the server has read.
        out.flush();
        if (line.contains(ready)) {
          listening.complete(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      listening.complete(false);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code http://127.0.0.1:<port>/v1}, the benchmark's {@code apiBase}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port + "/v1");
  }

  /** SIGTERM, then SIGKILL if it is still there after 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      NpmPackage.stop(process);
    }
  }
}
