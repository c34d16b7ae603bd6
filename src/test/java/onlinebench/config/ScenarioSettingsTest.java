package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioSettingsTest {
  @Test
  void defaultsWhereUnset() {
    assertThat(ScenarioSettings.fromProperties(Map.of())).isEqualTo(ScenarioSettings.DEFAULT);
    assertThat(ScenarioSettings.DEFAULT.harnessLimits()).isEqualTo(HarnessLimits.DEFAULT);
    assertThat(ScenarioSettings.DEFAULT.requestLog()).isFalse();
  }

  @Test
  void readsBothSpellings() {
    assertThat(
            ScenarioSettings.fromProperties(
                Map.of("harnessLagLimitMs", "25", "harness-cpu-limit", "0.5", "request-log", "")))
        .isEqualTo(new ScenarioSettings(new HarnessLimits(25, 0.5), true));
  }

  @Test
  void rejectsACpuLimitAboveOneInOneLine() {
    assertThatThrownBy(() -> ScenarioSettings.fromProperties(Map.of("harnessCpuLimit", "90")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "harnessCpuLimit must be a number > 0 and <= 1, got \"90\" (-DharnessCpuLimit)");
  }

  @Test
  void rejectsARequestLogThatIsNotABoolean() {
    assertThatThrownBy(() -> ScenarioSettings.fromProperties(Map.of("requestLog", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("requestLog must be true or false, got \"yes\" (-DrequestLog)");
  }
}
