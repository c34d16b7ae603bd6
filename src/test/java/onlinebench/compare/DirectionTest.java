package onlinebench.compare;

import static onlinebench.compare.Direction.HIGHER_IS_BETTER;
import static onlinebench.compare.Direction.INFORMATIONAL;
import static onlinebench.compare.Direction.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectionTest {
  @Test
  void throughputsAndGoodputAreBetterHigher() {
    for (String key :
        new String[] {
          "request_throughput",
          "output_throughput",
          "total_token_throughput",
          "request_goodput",
          "good_request_fraction",
          "p1_request_output_throughput",
          "median_request_output_throughput"
        }) {
      assertThat(Direction.of(key)).as(key).isEqualTo(HIGHER_IS_BETTER);
    }
  }

  @Test
  void latenciesAndFailuresAreBetterLower() {
    for (String key :
        new String[] {
          "p99_ttft_ms",
          "mean_tpot_ms",
          "max_itl_ms",
          "median_e2el_ms",
          "std_e2el_ms",
          "failed",
          "errors.http_5xx",
          "missing_usage",
          "unfinished"
        }) {
      assertThat(Direction.of(key)).as(key).isEqualTo(LOWER_IS_BETTER);
    }
  }

  @Test
  void describingFiguresAreNotJudged() {
    for (String key :
        new String[] {
          "duration",
          "num_prompts",
          "max_concurrency",
          "completed",
          "total_input_tokens",
          "total_output_tokens",
          "good_requests",
          "harness.cpu_share",
          "estimated_output_token_requests"
        }) {
      assertThat(Direction.of(key)).as(key).isEqualTo(INFORMATIONAL);
    }
  }

  @Test
  void toleranceIsRelativeToTheBaseline() {
    Tolerance five = Tolerance.parse("5%");
    assertThat(five.regressed(HIGHER_IS_BETTER, 100, 95)).isFalse();
    assertThat(five.regressed(HIGHER_IS_BETTER, 100, 94.9)).isTrue();
    assertThat(five.regressed(LOWER_IS_BETTER, 100, 105)).isFalse();
    assertThat(five.regressed(LOWER_IS_BETTER, 100, 105.1)).isTrue();
    assertThat(five.regressed(LOWER_IS_BETTER, 0, 1)).isTrue();
    assertThat(five.regressed(INFORMATIONAL, 1, 1000)).isFalse();
    assertThat(Tolerance.parse(" 2.5 % ").percent()).isEqualTo(2.5);
  }
}
