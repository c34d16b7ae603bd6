package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed-model level's users open their connections before they measure, so no measured request
 * waits for a connect in the burst of a level's start (benchmarks/RESULTS.md, "Cold start"): with
 * no warmup requests, every measured request still finds its connection open.
 */
class OpenConnectionsIT {
  private static final int USERS = 8;
  private static final int TOTAL = 16;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void noMeasuredRequestOpensItsOwnConnectionEvenWithoutWarmup() throws Exception {
    GatlingRun.Result run;
    long served;
    long openedConnection;
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.fast().withDelays(Duration.ofMillis(20), Duration.ofMillis(2)))) {
      run =
          GatlingRun.against(server)
              .withoutSelfWarmup()
              .property("stream", true)
              .property("concurrency", USERS)
              .property("totalRequests", TOTAL)
              .property("warmupRequests", 0)
              .property("outputTokens", 4)
              .into(dir.resolve("results"))
              .run();
      served = server.requestCount();
      openedConnection = server.requestsOpeningConnection();
    }
    run.assertExitCode(0);
    assertThat(run.stdout()).contains("Self-warmup: off (selfWarmup=false)");
    JsonNode summary = run.summary();
    assertThat(summary.get("completed").asInt()).isEqualTo(TOTAL);
    assertThat(summary.get("connection_retries").asInt()).isZero();
    assertThat(served).as("the preflight probe and the measured requests").isEqualTo(TOTAL + 1);
    // the preflight's own client may open one for its probe; each of the 8 users opened its
    // connection with a GET /models before the level began, so none of theirs did
    assertThat(openedConnection)
        .as("chat requests that had to open their connection")
        .isLessThanOrEqualTo(1);
  }
}
