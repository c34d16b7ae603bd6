package onlinebench.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fault plans built typed in code are the same values sim.faults parses to. */
class FaultPlanTest {

  @Test
  void alwaysIsARateOfOne() {
    FaultPlan plan = FaultPlan.always(Fault.CUT);

    assertThat(plan).isEqualTo(FaultPlan.parse("cut:1"));
    assertThat(plan.draw(0.0)).isEqualTo(Fault.CUT);
    assertThat(plan.draw(0.999_999)).isEqualTo(Fault.CUT);
  }

  @Test
  void ratesChainWithAndInTheParsedOrder() {
    FaultPlan plan = FaultPlan.rate(Fault.RATE_LIMITED, 0.02).and(Fault.SERVER_ERROR, 0.05);

    assertThat(plan).isEqualTo(FaultPlan.parse("500:0.05,429:0.02"));
    assertThat(plan.rates())
        .containsExactly(Map.entry(Fault.SERVER_ERROR, 0.05), Map.entry(Fault.RATE_LIMITED, 0.02));
    assertThat(plan.draw(0.049)).isEqualTo(Fault.SERVER_ERROR);
    assertThat(plan.draw(0.051)).isEqualTo(Fault.RATE_LIMITED);
    assertThat(plan.draw(0.07)).as("the rest get no fault").isNull();
  }

  @Test
  void aRateOfZeroIsNoFault() {
    assertThat(FaultPlan.rate(Fault.STALL, 0)).isEqualTo(FaultPlan.none());
  }

  @Test
  void rejectsAShareOutsideZeroToOne() {
    assertThatThrownBy(() -> FaultPlan.rate(Fault.RESET, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate of reset must be between 0 and 1, got 1.5");
  }

  @Test
  void rejectsRatesAddingUpToMoreThanOne() {
    assertThatThrownBy(() -> FaultPlan.always(Fault.CUT).and(Fault.SLOW, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fault rates must sum to at most 1, got 1.1");
  }

  @Test
  void rejectsTheSameKindTwice() {
    assertThatThrownBy(() -> FaultPlan.rate(Fault.CUT, 0.1).and(Fault.CUT, 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kind cut given twice");
  }
}
