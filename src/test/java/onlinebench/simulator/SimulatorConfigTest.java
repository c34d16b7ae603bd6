package onlinebench.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorConfigTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsMatchTheDesign() {
    SimulatorConfig config = SimulatorConfig.defaults();

    assertThat(config.port()).isZero();
    assertThat(config.model()).isEqualTo("simulated-llm");
    assertThat(config.ttft()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.itl()).isEqualTo(Duration.ofMillis(2));
    assertThat(config.apiKey()).isNull();
    assertThat(config.truthLog()).isNull();
    assertThat(config.seed()).isEqualTo(1);
    assertThat(config.delivery()).isEqualTo(Delivery.TOKEN);
  }

  @Test
  void noPropertiesGiveTheDefaultsWithTheCallersPort() {
    assertThat(SimulatorConfig.fromSystemProperties(new Properties(), 8000))
        .isEqualTo(SimulatorConfig.defaults().withPort(8000));
  }

  @Test
  void readsEveryProperty() {
    SimulatorConfig config =
        SimulatorConfig.fromSystemProperties(
            props(
                "sim.port", "9001",
                "sim.model", "llama-3",
                "sim.ttftMs", "0.5",
                "sim.itlMs", "12",
                "sim.apiKey", "secret",
                "sim.truthLog", "target/truth.jsonl",
                "sim.seed", "-7",
                "sim.delivery", "token"),
            0);

    assertThat(config)
        .isEqualTo(
            new SimulatorConfig(
                9001,
                "llama-3",
                Duration.ofNanos(500_000),
                Duration.ofMillis(12),
                "secret",
                Path.of("target/truth.jsonl"),
                -7,
                Delivery.TOKEN));
  }

  @Test
  void acceptsWholeDeliveryWithZeroDelays() {
    SimulatorConfig config =
        SimulatorConfig.fromSystemProperties(
            props("sim.delivery", "whole", "sim.ttftMs", "0", "sim.itlMs", "0"), 0);

    assertThat(config.delivery()).isEqualTo(Delivery.WHOLE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sim.ttftMs   | abc   | sim.ttftMs must be a number >= 0, got \"abc\" (-Dsim.ttftMs)",
        "sim.ttftMs   | -1    | sim.ttftMs must be a number >= 0, got \"-1\" (-Dsim.ttftMs)",
        "sim.ttftMs   | NaN   | sim.ttftMs must be a number >= 0, got \"NaN\" (-Dsim.ttftMs)",
        "sim.ttftMs   | 3600001 | sim.ttftMs must be a number >= 0 and at most 3600000 (one hour),"
            + " got \"3600001\" (-Dsim.ttftMs)",
        "sim.itlMs    | 2ms   | sim.itlMs must be a number >= 0, got \"2ms\" (-Dsim.itlMs)",
        "sim.port     | 70000 | sim.port must be a whole number between 0 and 65535 (0 picks a free"
            + " port), got \"70000\" (-Dsim.port)",
        "sim.port     | http  | sim.port must be a whole number between 0 and 65535 (0 picks a free"
            + " port), got \"http\" (-Dsim.port)",
        "sim.seed     | 1.5   | sim.seed must be a whole number, got \"1.5\" (-Dsim.seed)",
        "sim.delivery | fast  | sim.delivery must be one of token, whole, got \"fast\""
            + " (-Dsim.delivery)",
        "sim.model    | ' '   | sim.model must be a non-blank model name, got \" \" (-Dsim.model)",
        "sim.truthLog | ' '   | sim.truthLog must be a file path, got \" \" (-Dsim.truthLog)",
      })
  void rejectsAnInvalidPropertyNamingPropertyValueAndWhatIsAccepted(
      String property, String value, String message) {
    assertThatThrownBy(() -> SimulatorConfig.fromSystemProperties(props(property, value), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsBlankApiKey() {
    assertThatThrownBy(() -> SimulatorConfig.fromSystemProperties(props("sim.apiKey", ""), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sim.apiKey must not be blank when set; leave it unset to accept any key"
                + " (-Dsim.apiKey)");
  }

  @Test
  void rejectsWholeDeliveryWithDelaysSayingWhichAreNotZero() {
    assertThatThrownBy(
            () ->
                SimulatorConfig.fromSystemProperties(
                    props("sim.delivery", "whole", "sim.itlMs", "0"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sim.delivery=whole needs sim.ttftMs=0 and sim.itlMs=0 (it writes the whole stream at"
                + " once), got sim.ttftMs=50 sim.itlMs=0");
  }

  @Test
  void toStringMasksTheApiKey() {
    String text = SimulatorConfig.defaults().withApiKey("sk-very-secret").toString();

    assertThat(text).contains("apiKey=***").doesNotContain("sk-very-secret");
  }
}
