package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import onlinebench.simulator.SimulatorConfig;
import onlinebench.simulator.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped mid-way (SIGTERM, Ctrl-C) still prints and writes what finished, marked partial.
 */
class StoppedRunIT {
  @TempDir Path results;

  @Test
  void sigtermMidRunWritesAPartialSummary() throws Exception {
    try (SimulatorServer server =
        SimulatorServer.start(
            SimulatorConfig.defaults()
                .withDelays(java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(2)))) {
      GatlingRun.Running run =
          GatlingRun.against(server)
              .withoutSelfWarmup()
              .property("concurrency", 8)
              .property("totalRequests", 100000)
              .property("outputTokens", 50)
              .property("promptTokens", 32)
              .property("progress", "tty")
              .into(results)
              .start();
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (!run.stdoutSoFar().matches("(?s).*Progress: [1-9][0-9]*/100000.*")) {
        assertThat(System.nanoTime()).as("progress within 90 s").isLessThan(deadline);
        Thread.sleep(200);
      }
      run.terminate();
      GatlingRun.Result r = run.await(60);

      assertThat(r.stdout()).contains("PARTIAL RUN: stopped before the end");
      JsonNode summary = r.summary();
      assertThat(summary.get("partial").asBoolean()).isTrue();
      long done = summary.get("completed").asLong() + summary.get("failed").asLong();
      assertThat(done).isBetween(1L, 99_999L);
      assertThat(summary.get("unfinished").asLong()).isBetween(0L, 8L);
      assertThat(summary.get("failed").asLong()).as("stopping is not a server failure").isZero();
    }
  }
}
