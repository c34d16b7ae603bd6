package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GatlingRunFolderTest {
  @Test
  void theSimulationIdIsTheRunFoldersNameWithoutItsTimestamp() {
    assertThat(
            GatlingRunFolder.simulationId(
                Path.of("target/gatling/conversationexamplesimulation-20261206152233444")))
        .isEqualTo("conversationexamplesimulation");
    assertThat(GatlingRunFolder.simulationId(Path.of("my-load-test-20261206152233444")))
        .as("a custom simulation id with dashes keeps them")
        .isEqualTo("my-load-test");
  }
}
