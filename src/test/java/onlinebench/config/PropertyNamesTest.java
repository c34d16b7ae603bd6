package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PropertyNamesTest {
  @Test
  void suggestsTheClosestPropertyForATypo() {
    assertThat(PropertyNames.typoWarnings(Set.of("concurency")))
        .containsExactly("Unknown property -Dconcurency ignored; did you mean -Dconcurrency?");
  }

  @Test
  void suggestsForKebabTyposAndSimulatorTypos() {
    assertThat(PropertyNames.typoWarnings(Set.of("total-request", "sim.ttftMS")))
        .containsExactly(
            "Unknown property -Dsim.ttftMS ignored; did you mean -Dsim.ttftMs?",
            "Unknown property -Dtotal-request ignored; did you mean -Dtotal-requests?");
  }

  @Test
  void knowsTheSimulatorProfile() {
    assertThat(PropertyNames.typoWarnings(Set.of("sim.profile"))).isEmpty();
    assertThat(PropertyNames.typoWarnings(Set.of("sim.profil")))
        .containsExactly("Unknown property -Dsim.profil ignored; did you mean -Dsim.profile?");
  }

  @Test
  void staysQuietAboutOurOwnAndUnrelatedProperties() {
    assertThat(
            PropertyNames.typoWarnings(
                Set.of(
                    "concurrency",
                    "total-requests",
                    "java.version",
                    "gatling.simulationClass",
                    "skipTests",
                    "user.dir",
                    "sim.port")))
        .isEmpty();
  }
}
