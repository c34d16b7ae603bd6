package onlinebench.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeepAliveTest {
  @Test
  void readsLlamaCppsHeader() {
    // byte for byte as llama-server sends it (shared/wire/llama.cpp/chat-stream.txt)
    KeepAlive k = KeepAlive.parse("timeout=5, max=100");
    assertThat(k.timeoutSeconds()).hasValue(5);
    assertThat(k.maxRequests()).hasValue(100);
  }

  @Test
  void reusesAnIdleConnectionUntilASecondBeforeTheServersTimeout() {
    assertThat(KeepAlive.parse("timeout=5").reuseWindowMillis()).hasValue(4_000);
    assertThat(KeepAlive.parse("timeout=1").reuseWindowMillis()).hasValue(500);
    assertThat(KeepAlive.parse("max=3").reuseWindowMillis()).isEmpty();
  }

  @Test
  void aConnectionIsSpentAfterMaxRequests() {
    KeepAlive k = KeepAlive.parse("timeout=5, max=3");
    assertThat(k.exhaustedAfter(2)).isFalse();
    assertThat(k.exhaustedAfter(3)).isTrue();
    assertThat(KeepAlive.parse("timeout=5").exhaustedAfter(1_000_000)).isFalse();
  }

  @Test
  void ignoresWhatItCannotReadInsteadOfGuessing() {
    KeepAlive k = KeepAlive.parse(" Timeout = 7 ,max=x, foo=1, bare");
    assertThat(k.timeoutSeconds()).hasValue(7);
    assertThat(k.maxRequests()).isEmpty();
    assertThat(KeepAlive.parse("timeout=0").timeoutSeconds()).isEmpty();
    assertThat(KeepAlive.parse(null).timeoutSeconds()).isEmpty();
    assertThat(KeepAlive.parse("").maxRequests()).isEmpty();
  }
}
