package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessLimitsTest {
  @Test
  void defaultsWhereUnset() {
    assertThat(HarnessLimits.fromProperties(Map.of())).isEqualTo(HarnessLimits.DEFAULT);
  }

  @Test
  void readsBothSpellings() {
    assertThat(
            HarnessLimits.fromProperties(
                Map.of("harnessLagLimitMs", "25", "harness-cpu-limit", "0.5")))
        .isEqualTo(new HarnessLimits(25, 0.5));
  }

  @Test
  void rejectsACpuLimitAboveOneInOneLine() {
    assertThatThrownBy(() -> HarnessLimits.fromProperties(Map.of("harnessCpuLimit", "90")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "harnessCpuLimit must be a number > 0 and <= 1, got \"90\" (-DharnessCpuLimit)");
  }
}
