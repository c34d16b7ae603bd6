package onlinebench.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import onlinebench.config.SearchSpec;
import onlinebench.config.SearchSpec.Dimension;
import onlinebench.search.SearchStep.Phase;
import org.junit.jupiter.api.Test;

class LoadSearchTest {

  private static SearchSpec concurrency(double min, double max, double precision) {
    return new SearchSpec(Dimension.CONCURRENCY, min, max, precision);
  }

  /**
   * Runs the search to its end against a server whose verdict for each level {@code meets} says.
   */
  private static LoadSearch run(SearchSpec spec, DoublePredicate meets) {
    LoadSearch search = new LoadSearch(spec);
    for (OptionalDouble level = search.next(); level.isPresent(); level = search.next()) {
      boolean passed = meets.test(level.getAsDouble());
      search.record(passed, "missed at " + level.getAsDouble());
    }
    return search;
  }

  private static List<Double> levels(LoadSearch search) {
    return search.steps().stream().map(SearchStep::level).toList();
  }

  @Test
  void bracketsByDoublingThenBisectsThenRechecksTheBoundary() {
    LoadSearch search = run(concurrency(1, 256, 1), level -> level <= 8);

    assertThat(levels(search)).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 12.0, 10.0, 9.0, 8.0);
    assertThat(search.steps().stream().map(SearchStep::phase))
        .containsExactly(
            Phase.BRACKET,
            Phase.BRACKET,
            Phase.BRACKET,
            Phase.BRACKET,
            Phase.BRACKET,
            Phase.BISECT,
            Phase.BISECT,
            Phase.BISECT,
            Phase.RECHECK);
    assertThat(search.boundary()).hasValue(8);
    assertThat(search.reachedMax()).isFalse();
    assertThat(search.done()).isTrue();
  }

  @Test
  void stopsBisectingOnceTheGapIsWithinThePrecision() {
    LoadSearch search = run(concurrency(1, 256, 4), level -> level <= 11);

    assertThat(levels(search)).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 12.0, 8.0);
    assertThat(search.boundary()).hasValue(8);
  }

  @Test
  void findsARateBoundaryWithinAFractionalPrecision() {
    SearchSpec spec = new SearchSpec(Dimension.RATE, 0.5, 64, 0.25);
    LoadSearch search = run(spec, rate -> rate <= 5.3);

    assertThat(search.boundary().getAsDouble())
        .as("the highest passing rate is at most 5.3 and within 0.25 of it")
        .isBetween(5.3 - 0.25, 5.3);
  }

  @Test
  void failingLevelsNameWhyInTheirStep() {
    LoadSearch search = run(concurrency(1, 4, 1), level -> level <= 2);

    SearchStep failed = search.steps().get(2);
    assertThat(failed.level()).isEqualTo(4.0);
    assertThat(failed.passed()).isFalse();
    assertThat(failed.whyFailed()).hasValue("missed at 4.0");
    assertThat(search.steps().get(0).whyFailed()).isEmpty();
  }

  @Test
  void aFailedRecheckCountsAsAFailureAndTheSearchGoesOnBelow() {
    List<Double> seen = new ArrayList<>();
    // 8 passes once (a lucky step), then fails its re-check; 6 and below always pass
    LoadSearch search =
        run(
            concurrency(1, 256, 1),
            level -> {
              seen.add(level);
              return level <= 6 || (level == 8 && seen.stream().filter(l -> l == 8).count() == 1);
            });

    assertThat(levels(search))
        .containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 12.0, 10.0, 9.0, 8.0, 6.0, 7.0, 6.0);
    assertThat(search.steps().get(8).phase()).isEqualTo(Phase.RECHECK);
    assertThat(search.steps().get(8).passed()).isFalse();
    assertThat(search.boundary()).hasValue(6);
  }

  @Test
  void reportsSearchMaxWhenEveryLevelUpToItPasses() {
    LoadSearch search = run(concurrency(1, 20, 1), level -> true);

    assertThat(levels(search)).containsExactly(1.0, 2.0, 4.0, 8.0, 16.0, 20.0, 20.0);
    assertThat(search.boundary()).hasValue(20);
    assertThat(search.reachedMax()).as("the real boundary may lie above searchMax").isTrue();
  }

  @Test
  void endsAfterOneStepWhenTheLowestLevelFails() {
    LoadSearch search = run(concurrency(4, 256, 1), level -> false);

    assertThat(levels(search)).containsExactly(4.0);
    assertThat(search.boundary()).isEmpty();
    assertThat(search.highestPassed()).isEmpty();
  }

  @Test
  void neverRunsMoreStepsThanTheSlotsDeclaredBeforeTheRun() {
    SearchSpec spec = concurrency(1, 1024, 1);
    for (int boundary = 0; boundary <= 1024; boundary++) {
      int b = boundary;
      LoadSearch search = run(spec, level -> level <= b);
      assertThat(search.steps().size()).isLessThanOrEqualTo(LoadSearch.maxSteps(spec));
      if (b > 0) {
        assertThat(search.boundary()).as("boundary %d", b).hasValue(b);
      }
    }
  }

  @Test
  void givesNoBoundaryWhenRechecksKeepFailingUntilTheStepsRunOut() {
    SearchSpec spec = concurrency(1, 8, 1);
    LoadSearch search = new LoadSearch(spec);
    for (OptionalDouble level = search.next(); level.isPresent(); level = search.next()) {
      // every first run passes, every re-check fails: the search can never confirm a level
      double now = level.getAsDouble();
      boolean recheck = search.steps().stream().anyMatch(s -> s.level() == now && s.passed());
      search.record(!recheck, "flaky");
    }

    assertThat(search.steps()).hasSizeLessThanOrEqualTo(LoadSearch.maxSteps(spec));
    assertThat(search.boundary()).isEmpty();
    assertThat(search.done()).isTrue();
  }

  @Test
  void namesTheSameLevelUntilItsVerdictIsRecorded() {
    LoadSearch search = new LoadSearch(concurrency(3, 10, 1));

    assertThat(search.next()).hasValue(3);
    assertThat(search.next()).hasValue(3);
    search.record(true, "");
    assertThat(search.next()).hasValue(6);
  }

  @Test
  void refusesAVerdictForNoStep() {
    LoadSearch search = new LoadSearch(concurrency(1, 10, 1));

    assertThatThrownBy(() -> search.record(true, "")).isInstanceOf(IllegalStateException.class);
  }
}
