package onlinebench.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The timing formulas and the seeded draws, without a network. */
class TimingModelTest {

  private static final long MS = 1_000_000;

  private static TimingModel model(Realism realism) {
    return new TimingModel(Duration.ofMillis(50), Duration.ofMillis(10), realism);
  }

  /** The deadlines of one request's tokens, all computed at once. */
  private static List<Long> deadlines(TimingModel model, long seed, long number, int tokens) {
    Sequence sequence =
        new Sequence(
            model,
            ImmediateEventExecutor.INSTANCE,
            0,
            100,
            tokens,
            RequestRandom.jitter(seed, number),
            false,
            new EngineMetrics("unused"),
            100);
    sequence.admit(() -> {});
    List<Long> due = new ArrayList<>();
    for (int i = 0; i < tokens; i++) {
      due.add(sequence.tokenDueNanos());
      sequence.tokenWritten();
    }
    return due;
  }

  @Test
  void defaultsAreTheFixedModel() {
    assertThat(deadlines(model(Realism.none()), 1, 1, 4))
        .containsExactly(50 * MS, 60 * MS, 70 * MS, 80 * MS);
  }

  @Test
  void prefillAddsPromptTokensOverRateToTheFirstToken() {
    // 50 ms + 100 tokens / 2000 per s = 100 ms.
    assertThat(deadlines(model(Realism.none().withPrefillTokensPerSec(2000)), 1, 1, 2))
        .containsExactly(100 * MS, 110 * MS);
  }

  @Test
  void batchSlowdownStretchesTheIntervalByTheSequencesDecoding() {
    TimingModel model = model(Realism.none().withBatchSlowdown(0.25));
    SplittableRandom unused = new SplittableRandom(1);

    assertThat(model.intervalNanos(1, unused, false)).isEqualTo(10 * MS);
    assertThat(model.intervalNanos(5, unused, false)).isEqualTo(20 * MS);
    assertThat(model.intervalNanos(5, unused, true)).as("slow fault").isEqualTo(20_000 * MS);
  }

  @Test
  void jitterIsReproducibleWithASeedAndStaysWithinItsBounds() {
    TimingModel model = model(Realism.none().withJitter(0.5));

    List<Long> first = deadlines(model, 7, 3, 50);
    List<Long> again = deadlines(model, 7, 3, 50);
    List<Long> otherSeed = deadlines(model, 8, 3, 50);
    List<Long> otherRequest = deadlines(model, 7, 4, 50);

    assertThat(again).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
    assertThat(otherRequest).isNotEqualTo(first);
    assertThat(first.get(0)).isBetween(25 * MS, 75 * MS);
    for (int i = 1; i < first.size(); i++) {
      assertThat(first.get(i) - first.get(i - 1)).isBetween(5 * MS, 15 * MS);
    }
  }

  @Test
  void queueAdmitsInArrivalOrderWhenSlotsFree() {
    TimingModel model = model(Realism.none().withMaxSequences(1));
    List<String> admitted = new ArrayList<>();
    Sequence a = sequence(model, "a", admitted);
    Sequence b = sequence(model, "b", admitted);
    Sequence c = sequence(model, "c", admitted);

    assertThat(admitted).containsExactly("a");
    assertThat(model.waiting()).isEqualTo(2);
    b.end(); // b's client went away while waiting
    assertThat(model.waiting()).isEqualTo(1);
    a.end();
    assertThat(admitted).containsExactly("a", "c");
    c.end();
    assertThat(model.waiting()).isZero();
    sequence(model, "d", admitted);
    assertThat(admitted).containsExactly("a", "c", "d");
  }

  private static Sequence sequence(TimingModel model, String name, List<String> admitted) {
    Sequence s =
        new Sequence(
            model,
            ImmediateEventExecutor.INSTANCE,
            0,
            1,
            1,
            new SplittableRandom(1),
            false,
            new EngineMetrics("unused"),
            1);
    s.admit(() -> admitted.add(name));
    return s;
  }

  @Test
  void faultDrawsAreReproducibleAndIndependentOfOtherStreams() {
    assertThat(RequestRandom.faultDraw(1, 5)).isEqualTo(RequestRandom.faultDraw(1, 5));
    assertThat(RequestRandom.faultDraw(1, 5)).isNotEqualTo(RequestRandom.faultDraw(2, 5));
    assertThat(RequestRandom.faultDraw(1, 5)).isNotEqualTo(RequestRandom.stop(1, 5).nextDouble());
  }
}
