package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the package that {@code gatling:enterprisePackage} builds in every verify: what Gatling
 * Enterprise needs to run the benchmark on its load generators — our simulation, the machinery and
 * the libraries Gatling does not provide — and that it names the simulation to run.
 */
class EnterprisePackageIT {
  private static Set<String> entries;
  private static String simulations;

  @BeforeAll
  static void openThePackage() throws IOException {
    Path jar = Path.of(System.getProperty("enterprise.package"));
    assertThat(jar).as("built by the pom's enterprise-package execution").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(e -> e.getName()).collect(Collectors.toSet());
      simulations = file.getManifest().getMainAttributes().getValue("Gatling-Simulations");
    }
    assertThat(Files.size(jar)).isPositive();
  }

  @Test
  void namesTheBenchmarkSimulation() {
    assertThat(simulations).contains("onlinebench.LlmBenchmarkSimulation");
  }

  @Test
  void namesTheExamplesPeopleCopy() {
    assertThat(simulations)
        .contains("onlinebench.examples.ConversationExampleSimulation")
        .contains("onlinebench.examples.RagExampleSimulation")
        .contains("onlinebench.examples.AgentExampleSimulation");
  }

  @Test
  void holdsTheSimulationAndTheMachinery() {
    assertThat(entries)
        .contains(
            "onlinebench/LlmBenchmarkSimulation.class",
            "onlinebench/run/BenchmarkRun.class",
            "onlinebench/gatling/ChatAction.class",
            "onlinebench/simulator/SimulatorServer.class",
            "gatling.conf");
  }

  @Test
  void bundlesTheLibrariesGatlingDoesNotProvide() {
    assertThat(entries)
        .contains(
            "org/HdrHistogram/Histogram.class",
            "org/apache/commons/text/similarity/LevenshteinDistance.class");
  }

  @Test
  void leavesGatlingItselfToEnterprise() {
    assertThat(entries).noneMatch(e -> e.startsWith("io/gatling/core/"));
  }
}
