package onlinebench.simulator;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;

/**
 * Runs the simulator alone until stopped: {@code ./mvnw -q exec:java@simulator -Dsim.port=8000}.
 *
 * <p>Reads the {@code sim.*} system properties (see {@link SimulatorConfig}); the port defaults to
 * 8000 here. Prints one line once listening. Exit codes: 2 for an invalid property (the message on
 * stderr), 1 when the port cannot be bound.
 */
public final class SimulatorMain {

  static final int DEFAULT_PORT = 8000;

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Alone, the classpath has logback without a config, i.e. DEBUG: Netty would print dozens of
    // lines before ours. JDK logging defaults to INFO, so Netty stays quiet unless something is
    // wrong.
    InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    SimulatorConfig config;
    try {
      config = SimulatorConfig.fromSystemProperties(System.getProperties(), DEFAULT_PORT);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SimulatorServer server;
    try {
      server = SimulatorServer.start(config);
    } catch (IOException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(server::close, "onlinebench-simulator-shutdown"));
    System.out.println(listeningLine(server));
    System.out.flush();
    server.awaitClosed();
  }

  static String listeningLine(SimulatorServer server) {
    return "Simulated LLM server listening on "
        + server.baseUrl()
        + " (model "
        + server.config().model()
        + ")";
  }
}
