package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LoadModelParserTest {
  private static BenchConfig parse(Map<String, String> props) {
    return BenchConfigParser.parse(props, Map.of());
  }

  private static LoadModel load(Map<String, String> props) {
    return parse(props).load();
  }

  private static void assertRejected(Map<String, String> props, String message) {
    assertThatThrownBy(() -> parse(props)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void withoutARequestRateTheModelIsClosedAndCountBounded() {
    LoadModel load = load(Map.of());
    assertThat(load).isEqualTo(LoadModel.DEFAULT);
    assertThat(load.open()).isFalse();
    assertThat(load.requestRate()).isEmpty();
    assertThat(load.sweep()).isFalse();
  }

  @Test
  void parsesTheOpenModel() {
    LoadModel load =
        load(
            Map.of(
                "requestRate", "2.5",
                "arrival", "gamma",
                "burstiness", "0.5",
                "maxConcurrency", "32",
                "duration", "60s",
                "rampUp", "30s"));
    assertThat(load.open()).isTrue();
    assertThat(load.requestRate()).isEqualTo(OptionalDouble.of(2.5));
    assertThat(load.arrival()).isEqualTo(Arrival.GAMMA);
    assertThat(load.burstiness()).isEqualTo(0.5);
    assertThat(load.maxConcurrency()).hasValue(32);
    assertThat(load.duration()).contains(Duration.ofSeconds(60));
    assertThat(load.rampUp()).contains(Duration.ofSeconds(30));
  }

  @Test
  void arrivalDefaultsToPoissonAndAcceptsKebabSpellings() {
    LoadModel load = load(Map.of("request-rate", "4", "max-concurrency", "3", "ramp-up", "1s"));
    assertThat(load.arrival()).isEqualTo(Arrival.POISSON);
    assertThat(load.burstiness()).isEqualTo(1.0);
    assertThat(load.maxConcurrency()).hasValue(3);
    assertThat(load.rampUp()).contains(Duration.ofSeconds(1));
  }

  @Test
  void rejectsZeroOrGarbageRequestRate() {
    String accepted =
        "requestRate must be a number of requests per second > 0 and <= 1000000, or a comma list"
            + " of them such as 1,2,4";
    assertRejected(Map.of("requestRate", "0"), accepted + ", got \"0\" (-DrequestRate)");
    assertRejected(Map.of("requestRate", "fast"), accepted + ", got \"fast\" (-DrequestRate)");
    assertRejected(Map.of("requestRate", "1,,2"), accepted + ", got \"1,,2\" (-DrequestRate)");
  }

  @Test
  void rejectsUnknownArrival() {
    assertRejected(
        Map.of("requestRate", "1", "arrival", "uniform"),
        "arrival must be poisson, constant or gamma, got \"uniform\" (-Darrival)");
  }

  @Test
  void rejectsBurstinessWithAnArrivalOtherThanGamma() {
    assertRejected(
        Map.of("requestRate", "1", "burstiness", "0.5"),
        "burstiness applies only to -Darrival=gamma (the gamma shape), got \"0.5\" (-Dburstiness)"
            + " with arrival poisson");
  }

  @Test
  void rejectsNonPositiveBurstiness() {
    assertRejected(
        Map.of("requestRate", "1", "arrival", "gamma", "burstiness", "0"),
        "burstiness must be a number > 0 and <= 1000000, got \"0\" (-Dburstiness)");
  }

  @Test
  void rejectsOpenModelPropertiesWithoutARequestRate() {
    assertRejected(
        Map.of("arrival", "constant"),
        "arrival applies only to the open model: add -DrequestRate=<requests/s>, got \"constant\""
            + " (-Darrival) without a request rate");
    assertRejected(
        Map.of("maxConcurrency", "8"),
        "maxConcurrency applies only to the open model: add -DrequestRate=<requests/s>, got \"8\""
            + " (-DmaxConcurrency) without a request rate");
  }

  @Test
  void rejectsZeroMaxConcurrency() {
    assertRejected(
        Map.of("requestRate", "1", "maxConcurrency", "0"),
        "maxConcurrency must be a whole number from 1 to 100000, got \"0\" (-DmaxConcurrency)");
  }

  @Test
  void rejectsDurationAndTotalRequestsTogether() {
    assertRejected(
        Map.of("duration", "60s", "totalRequests", "100"),
        "duration replaces totalRequests: give one of them, got duration \"60s\" (-Dduration) and"
            + " totalRequests \"100\" (-DtotalRequests)");
  }

  @Test
  void rejectsGarbageDuration() {
    assertRejected(
        Map.of("duration", "soon"),
        "duration must be a duration > 0 up to 24h: seconds (600) or with a unit (500ms, 30s,"
            + " 10m), got \"soon\" (-Dduration)");
  }

  @Test
  void rejectsARampUpAsLongAsTheDuration() {
    assertRejected(
        Map.of("duration", "10s", "rampUp", "10s"),
        "rampUp must be shorter than duration (10.0 s), got \"10s\" (-DrampUp)");
  }

  @Test
  void aConcurrencyListIsASweepOneLevelPerConcurrency() {
    BenchConfig config = parse(Map.of("concurrency", "1, 4,16"));
    assertThat(config.load().sweep()).isTrue();
    assertThat(config.load().concurrencySweep()).containsExactly(1, 4, 16);
    assertThat(config.concurrency()).isEqualTo(1);
    assertThat(config.levels()).extracting(BenchConfig::concurrency).containsExactly(1, 4, 16);
    assertThat(config.levels()).allSatisfy(l -> assertThat(l.load().sweep()).isFalse());
  }

  @Test
  void aRateListIsASweepOneLevelPerRate() {
    BenchConfig config = parse(Map.of("requestRate", "1,2.5,4"));
    assertThat(config.load().sweep()).isTrue();
    assertThat(config.levels())
        .extracting(c -> c.load().requestRates())
        .containsExactly(List.of(1.0), List.of(2.5), List.of(4.0));
  }

  @Test
  void aSingleLevelRunHasItselfAsItsOnlyLevel() {
    BenchConfig config = parse(Map.of("concurrency", "8"));
    assertThat(config.levels()).containsExactly(config);
  }

  @Test
  void rejectsAConcurrencyListWithARequestRate() {
    assertRejected(
        Map.of("concurrency", "1,2", "requestRate", "3"),
        "concurrency must be one number with -DrequestRate (the open model sweeps request rates;"
            + " -DmaxConcurrency caps it), got \"1,2\" (-Dconcurrency)");
  }

  @Test
  void rejectsABadConcurrencyListItem() {
    assertRejected(
        Map.of("concurrency", "1,0,4"),
        "concurrency must be a whole number from 1 to 100000, or a comma list of them such as"
            + " 1,4,16,64, got \"1,0,4\" (-Dconcurrency)");
  }
}
