package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InjectorTest {
  @Test
  void sharesAddUpExactlyToTheTotalForEveryTotalAndCount() {
    for (int count = 1; count <= 17; count++) {
      for (int total = 0; total <= 257; total++) {
        int sum = 0;
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int index = 0; index < count; index++) {
          int share = new Injector(index, count).share(total);
          sum += share;
          smallest = Math.min(smallest, share);
          largest = Math.max(largest, share);
        }
        assertThat(sum).as("total %d over %d generators", total, count).isEqualTo(total);
        assertThat(largest - smallest).as("shares differ by at most one").isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void theFirstGeneratorsTakeTheRemainder() {
    assertThat(new Injector(0, 4).share(10)).isEqualTo(3);
    assertThat(new Injector(1, 4).share(10)).isEqualTo(3);
    assertThat(new Injector(2, 4).share(10)).isEqualTo(2);
    assertThat(new Injector(3, 4).share(10)).isEqualTo(2);
  }

  @Test
  void everyGeneratorGetsAtLeastOneUser() {
    assertThat(new Injector(2, 3).users(2)).isEqualTo(1);
    assertThat(new Injector(0, 3).users(7)).isEqualTo(3);
  }

  @Test
  void ratesSplitEqually() {
    assertThat(new Injector(1, 4).rate(10)).isEqualTo(2.5);
  }

  @Test
  void oneGeneratorRunsTheWholeLoadAsBefore() {
    assertThat(Injector.SINGLE.share(1024)).isEqualTo(1024);
    assertThat(Injector.SINGLE.arrivalSeed(42)).isEqualTo(42);
    assertThat(Injector.SINGLE.sequence(7)).isEqualTo(7);
  }

  @Test
  void arrivalSeedsDifferPerGenerator() {
    Set<Long> seeds = new HashSet<>();
    for (int index = 0; index < 8; index++) {
      seeds.add(new Injector(index, 8).arrivalSeed(42));
    }
    assertThat(seeds).hasSize(8);
  }

  @Test
  void sequenceNumbersAreDisjointAcrossGenerators() {
    Set<Long> seen = new HashSet<>();
    for (int index = 0; index < 3; index++) {
      for (long k = 0; k < 100; k++) {
        assertThat(seen.add(new Injector(index, 3).sequence(k))).isTrue();
      }
    }
    assertThat(seen).hasSize(300).allSatisfy(n -> assertThat(n).isBetween(0L, 299L));
  }

  @Test
  void parsesIndexAndCount() {
    BenchConfig c =
        BenchConfigParser.parse(Map.of("injectorIndex", "2", "injector-count", "3"), Map.of());
    assertThat(c.injector()).isEqualTo(new Injector(2, 3));
    assertThat(BenchConfigParser.parse(Map.of(), Map.of()).injector()).isEqualTo(Injector.SINGLE);
  }

  @Test
  void rejectsAnIndexOutsideTheCount() {
    assertThatThrownBy(
            () ->
                BenchConfigParser.parse(
                    Map.of("injectorIndex", "2", "injectorCount", "2"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "injectorIndex must be a whole number from 0 to 1 (one index per generator, below"
                + " injectorCount 2), got \"2\" (-DinjectorIndex)");
  }

  @Test
  void rejectsANegativeIndex() {
    assertThatThrownBy(() -> BenchConfigParser.parse(Map.of("injectorIndex", "-1"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("injectorIndex must be a whole number from 0 to 0");
  }

  @Test
  void rejectsAZeroCount() {
    assertThatThrownBy(() -> BenchConfigParser.parse(Map.of("injectorCount", "0"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "injectorCount must be a whole number from 1 to 1000, got \"0\" (-DinjectorCount)");
  }

  @Test
  void rejectsMoreGeneratorsThanRequests() {
    assertThatThrownBy(
            () ->
                BenchConfigParser.parse(
                    Map.of("totalRequests", "3", "injectorCount", "4"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "injectorCount must be at most totalRequests (3), so that every generator sends a"
                + " request, got \"4\" (-DinjectorCount)");
  }
}
