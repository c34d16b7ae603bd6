package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.javaapi.core.Assertion;
import java.util.List;
import onlinebench.config.slo.SloSet;
import org.junit.jupiter.api.Test;

class SloAssertionsTest {
  private static List<String> assertions(String slo) {
    return SloAssertions.of("chat", SloSet.parse(slo)).stream()
        .map(Assertion::asScala)
        .map(Object::toString)
        .toList();
  }

  @Test
  void turnsOnlyTheClausesGatlingHoldsIntoAssertions() {
    List<String> a =
        assertions(
            "ttft.p95<500ms,tpot.p99<50ms,itl.p99<5ms,e2el.p99<=20s,errors<1%,errors<=3,"
                + "output_throughput>5,ttft<1s,goodput>1");
    assertThat(a).hasSize(4);
    assertThat(a.get(0)).contains("List(TTFT)").contains("Percentile(95.0)").contains("Lt(500.0)");
    assertThat(a.get(1))
        .contains("List(chat)")
        .contains("Percentile(99.0)")
        .contains("Lte(20000.0)");
    assertThat(a.get(2))
        .contains("List(chat)")
        .contains("Percent(FailedRequests)")
        .contains("Lt(1.0)");
    assertThat(a.get(3))
        .contains("List(chat)")
        .contains("Count(FailedRequests)")
        .contains("Lte(3.0)");
  }

  @Test
  void mapsMeanMedianAndMax() {
    assertThat(assertions("e2el.mean<1s").get(0)).contains("Mean");
    assertThat(assertions("e2el.median<1s").get(0)).contains("Percentile(50.0)");
    assertThat(assertions("e2el.p99.9<1s").get(0)).contains("Percentile(99.9)");
    assertThat(assertions("e2el.max<1s").get(0)).contains("Max");
  }

  @Test
  void roundsSubMillisecondBoundsUpSoGatlingIsNeverStricterThanTheClause() {
    assertThat(assertions("e2el.p99<1ms").get(0)).contains("Lt(1.0)");
    assertThat(assertions("e2el.p99<1.2ms").get(0)).contains("Lt(2.0)");
    assertThat(assertions("e2el.p99<500us").get(0)).contains("Lt(1.0)");
  }

  @Test
  void noAssertionsWithoutObjectives() {
    assertThat(SloAssertions.of("chat", SloSet.NONE)).isEmpty();
  }
}
