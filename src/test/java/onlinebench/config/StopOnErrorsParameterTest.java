package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopOnErrorsParameterTest {
  private static BenchConfig parse(String value) {
    return parse(Map.of("stopOnErrors", value));
  }

  private static BenchConfig parse(Map<String, String> props) {
    return BenchConfigParser.parse(props, Map.of());
  }

  private static void assertRejected(String value) {
    assertThatThrownBy(() -> parse(value))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "stopOnErrors must be a share and a window, e.g. 50%/100 (share above 0% up to 100%,"
                + " window a whole number from 1 to 1000000), got \""
                + value
                + "\" (-DstopOnErrors)");
  }

  @Test
  void neverStopsByDefault() {
    assertThat(parse(Map.of()).stopOnErrors()).isEmpty();
  }

  @Test
  void parsesAShareAndAWindow() {
    StopOnErrors rule = parse("50%/100").stopOnErrors().orElseThrow();
    assertThat(rule.percent()).isEqualByComparingTo("50");
    assertThat(rule.window()).isEqualTo(100);
    assertThat(rule.minFailures()).isEqualTo(50);
    assertThat(rule.text()).isEqualTo("50%/100");
  }

  @Test
  void acceptsDecimalsSpacesAndTheKebabSpelling() {
    StopOnErrors rule =
        parse(Map.of("stop-on-errors", " 12.50 % / 20 ")).stopOnErrors().orElseThrow();
    assertThat(rule.text()).isEqualTo("12.5%/20");
    assertThat(rule.minFailures()).isEqualTo(3);
    assertThat(parse("100%/1").stopOnErrors().orElseThrow().minFailures()).isEqualTo(1);
  }

  @Test
  void rejectsWhatIsNotAShareAndAWindowInOneLine() {
    assertRejected("50/100");
    assertRejected("50%");
    assertRejected("0.5/100");
    assertRejected("abc");
    assertRejected("");
    assertRejected("-5%/100");
  }

  @Test
  void rejectsAShareOfZeroOrAboveAHundredPercent() {
    assertRejected("0%/100");
    assertRejected("0.0%/100");
    assertRejected("100.1%/100");
  }

  @Test
  void rejectsAWindowOfZeroOrBeyondTheLargest() {
    assertRejected("50%/0");
    assertRejected("50%/1000001");
    assertRejected("50%/99999999999");
  }

  @Test
  void rejectsAWindowNoLevelCanFill() {
    Map<String, String> props = new HashMap<>(Map.of("stopOnErrors", "50%/100"));
    props.put("totalRequests", "60");
    assertThatThrownBy(() -> parse(props))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "stopOnErrors must be a window of at most the 60 measured requests a level sends here,"
                + " or it can never stop the run, got \"50%/100\" (-DstopOnErrors)");
    // a duration-bounded run has no count to compare with
    props.remove("totalRequests");
    props.put("duration", "30s");
    props.put("requestRate", "2");
    assertThat(parse(props).stopOnErrors()).isPresent();
  }

  @Test
  void aConversationRunsWindowIsMeasuredAgainstItsSessionsTimesTheirFewestTurns() {
    Map<String, String> props =
        new HashMap<>(
            Map.of(
                "stopOnErrors",
                "50%/2000",
                "workload",
                "conversation",
                "sessions",
                "500",
                "turns",
                "4"));
    // 500 sessions of 4 turns send 2000 requests, though totalRequests keeps its default 1024
    assertThat(parse(props).stopOnErrors()).isPresent();
    props.put("turns", "2:6");
    assertThatThrownBy(() -> parse(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at most the 1000 measured requests a level sends here");
  }

  @Test
  void anAgentRunsWindowIsMeasuredAgainstItsSessionsAlone() {
    Map<String, String> props =
        new HashMap<>(
            Map.of(
                "stopOnErrors", "50%/500", "workload", "agent", "sessions", "500", "turns", "4"));
    assertThat(parse(props).stopOnErrors()).as("500 tasks send at least 500 requests").isPresent();
    props.put("stopOnErrors", "50%/501");
    assertThatThrownBy(() -> parse(props))
        .as("a task may end at its first answer, whatever its turn limit")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at most the 500 measured requests a level sends here");
  }

  @Test
  void keepsTheRuleWhenAimedAtAnotherServer() {
    BenchConfig c = parse("50%/100");
    assertThat(c.withApiBase(java.net.URI.create("http://127.0.0.1:1/v1")).stopOnErrors())
        .isEqualTo(c.stopOnErrors());
    assertThat(c.levels().get(0).stopOnErrors()).isEqualTo(c.stopOnErrors());
  }

  @Test
  void theRuleKeepsItsShareWithoutTrailingZeros() {
    assertThat(new StopOnErrors(new BigDecimal("50.00"), 10).text()).isEqualTo("50%/10");
  }
}
