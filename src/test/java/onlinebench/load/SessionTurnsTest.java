package onlinebench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import onlinebench.config.LengthSpec;
import org.junit.jupiter.api.Test;

class SessionTurnsTest {
  @Test
  void theSameSeedGivesTheSameSessionsAndEveryDrawIsInRange() {
    SessionTurns a = new SessionTurns(LengthSpec.uniform(2, 6), 7);
    SessionTurns b = new SessionTurns(LengthSpec.uniform(2, 6), 7);
    int[] first = IntStream.range(0, 200).map(i -> a.next()).toArray();
    int[] second = IntStream.range(0, 200).map(i -> b.next()).toArray();

    assertThat(first).isEqualTo(second);
    assertThat(IntStream.of(first).boxed().toList()).allMatch(t -> t >= 2 && t <= 6);
    assertThat(IntStream.of(first).distinct().count()).as("drawn, not fixed").isEqualTo(5);
  }

  @Test
  void aFixedNumberIsEverySessions() {
    SessionTurns turns = new SessionTurns(LengthSpec.fixed(4), 1);
    assertThat(IntStream.range(0, 10).map(i -> turns.next())).containsOnly(4);
  }
}
