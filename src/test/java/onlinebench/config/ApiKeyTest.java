package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyTest {
  @Test
  void showsAtMostFirstThreeAndLastTwoCharacters() {
    ApiKey key = ApiKey.of("sk-proj-abcdefghijklmnop");
    assertThat(key.masked()).isEqualTo("sk-****op");
    assertThat(key.toString()).isEqualTo("sk-****op");
  }

  @Test
  void showsOnlyStarsForKeysShorterThanTwelve() {
    assertThat(ApiKey.of("sk-short").masked()).isEqualTo("********");
    assertThat(ApiKey.of("vllm").masked()).isEqualTo("****");
    assertThat(ApiKey.of("12345678901").masked()).doesNotContainPattern("[0-9]");
  }

  @Test
  void masksTheKeyInsideAnyText() {
    ApiKey key = ApiKey.of("sk-proj-abcdefghijklmnop");
    assertThat(key.maskIn("Incorrect API key provided: sk-proj-abcdefghijklmnop."))
        .isEqualTo("Incorrect API key provided: sk-****op.");
  }
}
