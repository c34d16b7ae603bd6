package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import onlinebench.config.slo.SloSet;
import org.junit.jupiter.api.Test;

class SloParameterTest {
  private static BenchConfig parse(Map<String, String> props) {
    return BenchConfigParser.parse(props, Map.of());
  }

  @Test
  void noSloByDefault() {
    assertThat(parse(Map.of()).slo()).isEqualTo(SloSet.NONE);
  }

  @Test
  void parsesTheClausesAtConfigTime() {
    BenchConfig c =
        parse(Map.of("stream", "true", "slo", "ttft.p95<500ms,errors<1%,output_throughput>5000"));
    assertThat(c.slo().clauses()).hasSize(3);
    assertThat(c.slo().text()).isEqualTo("ttft.p95<500ms,errors<1%,output_throughput>5000");
  }

  @Test
  void rejectsAMalformedClauseInOneLineWithTheGrammar() {
    assertThatThrownBy(() -> parse(Map.of("slo", "e2el.p99<20s,ttft.p95<500")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "slo has a malformed clause \"ttft.p95<500\" (a duration needs a unit: us, ms or s);"
                + " accepted: "
                + SloSet.GRAMMAR
                + ", got \"e2el.p99<20s,ttft.p95<500\" (-Dslo)")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void rejectsStreamingMetricsWithoutStreaming() {
    assertThatThrownBy(() -> parse(Map.of("slo", "tpot.p99<50ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "slo names ttft, ttfo, tpot, itl, which exist only for streamed requests: add -Dstream=true"
                + " or drop those clauses, got \"tpot.p99<50ms\" (-Dslo)");
  }

  @Test
  void keepsTheSloWhenAimedAtAnotherServer() {
    BenchConfig c = parse(Map.of("slo", "e2el.p99<2s"));
    assertThat(c.withApiBase(java.net.URI.create("http://127.0.0.1:1/v1")).slo())
        .isEqualTo(c.slo());
  }
}
