package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LengthSpecTest {
  private static LengthSpec parse(String text) {
    return LengthSpec.parse(new RawValue(text, "-DpromptTokens"), "promptTokens", 10_000_000);
  }

  @Test
  void parsesTheThreeFormsAndShowsThemAsTyped() {
    assertThat(parse("1024")).isEqualTo(LengthSpec.fixed(1024));
    assertThat(parse("512:1024")).isEqualTo(LengthSpec.uniform(512, 1024));
    assertThat(parse("1_024~128")).isEqualTo(LengthSpec.normal(1024, 128));
    assertThat(parse("512:1024")).hasToString("512:1024");
    assertThat(parse("1024~128")).hasToString("1024~128");
    assertThat(parse("7")).hasToString("7");
  }

  @Test
  void knowsItsShortestAndLongestDraw() {
    assertThat(parse("512:1024").min()).isEqualTo(512);
    assertThat(parse("512:1024").max()).isEqualTo(1024);
    assertThat(parse("1024~128").min()).isEqualTo(512);
    assertThat(parse("1024~128").max()).isEqualTo(1536);
    assertThat(parse("10~20").min()).as("never below 1").isEqualTo(1);
    assertThat(parse("64:64").isFixed()).isTrue();
  }

  @Test
  void rejectsEverythingElseWithTheGrammar() {
    for (String bad : new String[] {"abc", "", "-5", "1e3", "512:", ":1024", "1024~-1", "1.5"}) {
      assertThatThrownBy(() -> parse(bad))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(
              "promptTokens must be a whole number (1024), a range min:max (512:1024) or a normal"
                  + " mean~stddev (1024~128)")
          .hasMessageEndingWith("(-DpromptTokens)");
    }
  }

  @Test
  void rejectsZeroReversedRangesAndDrawsBeyondTheMaximum() {
    assertThatThrownBy(() -> parse("0:10")).hasMessageContaining("lengths from 1 to 10000000");
    assertThatThrownBy(() -> parse("10:9")).hasMessageContaining("with min <= max");
    assertThatThrownBy(() -> parse("9000000~1000000"))
        .hasMessageContaining("(mean + 4 stddev at most 10000000)");
    assertThatThrownBy(() -> parse("99999999999999999999")).isInstanceOf(ConfigException.class);
  }

  @Test
  void uniformDrawsCoverTheRangeWithBothEnds() {
    SplittableRandom random = new SplittableRandom(1);
    TreeSet<Integer> seen = new TreeSet<>();
    IntStream.range(0, 1000).forEach(i -> seen.add(LengthSpec.uniform(3, 6).sample(random)));
    assertThat(seen).containsExactly(3, 4, 5, 6);
  }

  @Test
  void normalDrawsHaveTheirMeanAndStddevWithinTheBounds() {
    SplittableRandom random = new SplittableRandom(2);
    int[] draws =
        IntStream.range(0, 20_000).map(i -> LengthSpec.normal(1024, 128).sample(random)).toArray();
    double mean = IntStream.of(draws).average().orElseThrow();
    double variance =
        IntStream.of(draws).mapToDouble(d -> (d - mean) * (d - mean)).sum() / draws.length;
    assertThat(mean).isCloseTo(1024, within(4.0));
    assertThat(Math.sqrt(variance)).isCloseTo(128, within(4.0));
    assertThat(IntStream.of(draws).min().orElseThrow()).isGreaterThanOrEqualTo(512);
    assertThat(IntStream.of(draws).max().orElseThrow()).isLessThanOrEqualTo(1536);
  }

  @Test
  void normalDrawsNeverFallBelowOne() {
    SplittableRandom random = new SplittableRandom(3);
    assertThat(IntStream.range(0, 5000).map(i -> LengthSpec.normal(10, 20).sample(random)).min())
        .hasValue(1);
  }

  @Test
  void theSameSeedGivesTheSameDraws() {
    LengthSpec spec = LengthSpec.normal(300, 40);
    SplittableRandom a = new SplittableRandom(9);
    SplittableRandom b = new SplittableRandom(9);
    assertThat(IntStream.range(0, 100).map(i -> spec.sample(a)).toArray())
        .isEqualTo(IntStream.range(0, 100).map(i -> spec.sample(b)).toArray());
  }

  @Test
  void aFixedLengthIsAlwaysItself() {
    assertThat(LengthSpec.fixed(77).sample(new SplittableRandom(4))).isEqualTo(77);
    assertThat(LengthSpec.normal(77, 0).sample(new SplittableRandom(4))).isEqualTo(77);
  }
}
