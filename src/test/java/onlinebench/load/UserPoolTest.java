package onlinebench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UserPoolTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(600);

  @Test
  void maxConcurrencyIsThePool() {
    assertThat(UserPool.size(5, OptionalInt.of(16), OptionalLong.of(1000), TIMEOUT)).isEqualTo(16);
  }

  @Test
  void neverMoreUsersThanRequests() {
    assertThat(UserPool.size(5, OptionalInt.of(16), OptionalLong.of(10), TIMEOUT)).isEqualTo(10);
    assertThat(UserPool.size(5, OptionalInt.empty(), OptionalLong.of(10), TIMEOUT)).isEqualTo(10);
  }

  @Test
  void uncappedItIsRateTimesRequestTimeout() {
    assertThat(
            UserPool.size(2.5, OptionalInt.empty(), OptionalLong.empty(), Duration.ofSeconds(30)))
        .isEqualTo(75);
    assertThat(UserPool.size(0.01, OptionalInt.empty(), OptionalLong.empty(), TIMEOUT))
        .isEqualTo(6);
  }

  @Test
  void uncappedItStopsAtTheCeiling() {
    assertThat(UserPool.size(100, OptionalInt.empty(), OptionalLong.empty(), TIMEOUT))
        .isEqualTo(UserPool.MAX_USERS);
  }

  @Test
  void atLeastOneUser() {
    assertThat(
            UserPool.size(0.001, OptionalInt.empty(), OptionalLong.empty(), Duration.ofMillis(10)))
        .isEqualTo(1);
  }
}
