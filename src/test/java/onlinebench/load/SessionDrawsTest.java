package onlinebench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import onlinebench.config.LengthSpec;
import org.junit.jupiter.api.Test;

class SessionDrawsTest {
  private static final SessionDraws DRAWN =
      new SessionDraws(LengthSpec.uniform(2, 6), Optional.of(LengthSpec.uniform(500, 3000)), 7);

  @Test
  void theSameSeedGivesTheSameSessionsAndEveryDrawIsInRange() {
    SessionDraws again =
        new SessionDraws(LengthSpec.uniform(2, 6), Optional.of(LengthSpec.uniform(500, 3000)), 7);
    List<Integer> turns = LongStream.range(0, 200).mapToObj(s -> DRAWN.turns(s)).toList();

    assertThat(turns)
        .isEqualTo(LongStream.range(0, 200).mapToObj(s -> again.turns(s)).toList())
        .allMatch(t -> t >= 2 && t <= 6);
    assertThat(turns.stream().distinct().count()).as("drawn, not fixed").isEqualTo(5);
    assertThat(DRAWN.thinkTime(3, 1)).isEqualTo(again.thinkTime(3, 1));
    assertThat(DRAWN.thinkTime(3, 1))
        .isBetween(Duration.ofMillis(500), Duration.ofMillis(3000))
        .as("each turn its own draw")
        .isNotEqualTo(DRAWN.thinkTime(3, 2));
  }

  @Test
  void sessionsAreNumberedInTurnAndWithoutThinkTimeThereIsNoPause() {
    SessionDraws fixed = new SessionDraws(LengthSpec.fixed(4), Optional.empty(), 1);
    assertThat(fixed.nextSession()).isZero();
    assertThat(fixed.nextSession()).isEqualTo(1);
    assertThat(fixed.turns(9)).isEqualTo(4);
    assertThat(fixed.thinks()).isFalse();
    assertThat(fixed.thinkTime(0, 1)).isZero();
    assertThat(DRAWN.thinks()).isTrue();
  }
}
