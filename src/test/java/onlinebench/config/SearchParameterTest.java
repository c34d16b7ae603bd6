package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import onlinebench.config.SearchSpec.Dimension;
import org.junit.jupiter.api.Test;

class SearchParameterTest {

  private static Optional<SearchSpec> parse(String... keyValues) {
    Map<String, String> properties = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    BenchConfig config = BenchConfigParser.parse(properties, Map.of());
    return SearchParameter.parse(properties, Map.of(), config);
  }

  @Test
  void noSearchWithoutTheProperty() {
    assertThat(parse("slo", "e2el.p99<2s")).isEmpty();
  }

  @Test
  void concurrencySearchDefaultsFromOneTo256InStepsOfOne() {
    assertThat(parse("search", "concurrency", "slo", "e2el.p99<2s"))
        .hasValue(new SearchSpec(Dimension.CONCURRENCY, 1, 256, 1));
  }

  @Test
  void precisionDefaultsToSearchMin() {
    assertThat(
            parse("search", "concurrency", "slo", "e2el.p99<2s", "searchMin", "4")
                .orElseThrow()
                .precision())
        .isEqualTo(4);
  }

  @Test
  void rateSearchStartsAtTheRequestRateWhenGiven() {
    SearchSpec spec =
        parse("search", "rate", "slo", "e2el.p99<2s", "requestRate", "2.5", "searchMax", "40")
            .orElseThrow();

    assertThat(spec).isEqualTo(new SearchSpec(Dimension.RATE, 2.5, 40, 2.5));
  }

  @Test
  void refusesASearchWithoutAnSlo() {
    assertThatThrownBy(() -> parse("search", "concurrency"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "search needs -Dslo to judge each level by, e.g. -Dslo=ttft.p99<500ms"
                + " (-Dsearch=concurrency without -Dslo)");
  }

  @Test
  void refusesAnSloOfPerRequestClausesOnly() {
    assertThatThrownBy(() -> parse("search", "concurrency", "slo", "ttft<500ms", "stream", "true"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("search needs at least one -Dslo gate");
  }

  @Test
  void refusesAnUnknownDimension() {
    assertThatThrownBy(() -> parse("search", "users", "slo", "e2el.p99<2s"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("search must be concurrency or rate, got \"users\" (-Dsearch)");
  }

  @Test
  void refusesAFractionalConcurrency() {
    assertThatThrownBy(
            () -> parse("search", "concurrency", "slo", "e2el.p99<2s", "searchMax", "2.5"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("searchMax must be a whole number from 1 to 100000, got \"2.5\" (-DsearchMax)");
  }

  @Test
  void refusesAMaxBelowTheMin() {
    assertThatThrownBy(
            () ->
                parse(
                    "search",
                    "concurrency",
                    "slo",
                    "e2el.p99<2s",
                    "searchMin",
                    "8",
                    "searchMax",
                    "4"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("searchMax must be at least searchMin (8), got \"4\" (-DsearchMax)");
  }

  @Test
  void refusesASweepListARampUpAndTheOpenModelForAConcurrencySearch() {
    assertThatThrownBy(
            () -> parse("search", "concurrency", "slo", "e2el.p99<2s", "concurrency", "1,4"))
        .hasMessageContaining("not a list");
    assertThatThrownBy(() -> parse("search", "concurrency", "slo", "e2el.p99<2s", "rampUp", "5s"))
        .hasMessageContaining("drop -DrampUp");
    assertThatThrownBy(
            () -> parse("search", "concurrency", "slo", "e2el.p99<2s", "requestRate", "4"))
        .hasMessageContaining("use -Dsearch=rate");
  }

  @Test
  void refusesAConversationWorkload() {
    assertThatThrownBy(
            () -> parse("search", "concurrency", "slo", "e2el.p99<2s", "workload", "conversation"))
        .hasMessage(
            "search steps send single requests, not a conversation workload's sessions: drop"
                + " -Dworkload (-Dsearch=concurrency)");
  }

  @Test
  void refusesSearchBoundsWithoutASearch() {
    assertThatThrownBy(() -> parse("searchMax", "64"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("searchMax needs -Dsearch=concurrency or -Dsearch=rate (-DsearchMax)");
  }
}
