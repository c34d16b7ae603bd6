package onlinebench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RampUpStartsTest {
  @Test
  void userKStartsKTimesRampUpOverUsersAfterTheFirst() {
    AtomicLong now = new AtomicLong(1_000);
    RampUpStarts starts = new RampUpStarts(4, Duration.ofNanos(400), now::get);
    assertThat(starts.nextStartNanos()).isEqualTo(1_000);
    now.set(1_050); // later askers are still spaced from the first one's start
    assertThat(starts.nextStartNanos()).isEqualTo(1_100);
    assertThat(starts.nextStartNanos()).isEqualTo(1_200);
    assertThat(starts.nextStartNanos()).isEqualTo(1_300);
  }
}
