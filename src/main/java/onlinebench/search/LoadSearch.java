package onlinebench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import onlinebench.config.SearchSpec;

/**
 * Finds the highest load that meets the SLO, one measured step at a time: it names a level, is told
 * whether that level passed, and names the next. First it brackets: searchMin, then double the last
 * passing level (capped at searchMax) until one fails or searchMax passes. Then it bisects between
 * the highest passing and the lowest failing level until they are at most searchPrecision apart
 * (for concurrency, whole numbers: the midpoint rounds down). Last it re-checks: the highest
 * passing level runs once more, and only a pass there makes it the answer. A failed re-check counts
 * as that level failing, so the search goes on below it.
 *
 * <p>A load test's verdicts are noisy, so the search never assumes more than it saw: a level is
 * known to pass only by having passed, and every answer has passed twice. It never runs more than
 * {@link #maxSteps} steps (the Gatling adapter declares that many slots before the run); if they
 * run out, the answer is not confirmed and {@link #boundary()} is empty.
 *
 * <p>Not thread-safe: the run calls it from one step's start at a time.
 */
public final class LoadSearch {
  private final SearchSpec spec;
  private final int maxSteps;
  private final List<SearchStep> steps = new ArrayList<>();
  private final List<Double> failedRechecks = new ArrayList<>();
  private OptionalDouble highestPass = OptionalDouble.empty();
  private OptionalDouble lowestFail = OptionalDouble.empty();
  private Proposal pending;
  private boolean done;
  private OptionalDouble boundary = OptionalDouble.empty();

  private record Proposal(double level, SearchStep.Phase phase) {}

  public LoadSearch(SearchSpec spec) {
    this.spec = spec;
    this.maxSteps = maxSteps(spec);
  }

  /**
   * The most steps a search over {@code spec} runs: the bracketing's doublings, twice a bisection
   * of the widest gap and its re-check (room for one failed re-check and the search below it).
   */
  public static int maxSteps(SearchSpec spec) {
    int bracket = 1 + log2Ceil(spec.max() / spec.min());
    int bisect = log2Ceil(spec.max() / spec.precision());
    return bracket + 2 * (bisect + 1);
  }

  private static int log2Ceil(double ratio) {
    return ratio <= 1 ? 0 : (int) Math.ceil(Math.log(ratio) / Math.log(2) - 1e-9);
  }

  /**
   * The level of the next step, or empty once the search is over. Asked again before {@link
   * #record} is called, it names the same level.
   */
  public OptionalDouble next() {
    if (pending != null) {
      return OptionalDouble.of(pending.level());
    }
    if (done) {
      return OptionalDouble.empty();
    }
    if (steps.size() >= maxSteps) {
      done = true;
      return OptionalDouble.empty();
    }
    pending = propose();
    if (pending == null) {
      done = true;
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(pending.level());
  }

  private Proposal propose() {
    if (steps.isEmpty()) {
      return new Proposal(spec.min(), SearchStep.Phase.BRACKET);
    }
    if (highestPass.isEmpty()) {
      return null; // the lowest level failed: nothing below it to try
    }
    double pass = highestPass.getAsDouble();
    if (lowestFail.isEmpty()) {
      if (pass < spec.max()) {
        return new Proposal(Math.min(2 * pass, spec.max()), SearchStep.Phase.BRACKET);
      }
      return new Proposal(pass, SearchStep.Phase.RECHECK);
    }
    double fail = lowestFail.getAsDouble();
    if (fail - pass > spec.precision()) {
      double mid = (pass + fail) / 2;
      return new Proposal(spec.whole() ? Math.floor(mid) : mid, SearchStep.Phase.BISECT);
    }
    return new Proposal(pass, SearchStep.Phase.RECHECK);
  }

  /**
   * The verdict of the level {@link #next} named.
   *
   * @param whyFailed what the level missed; ignored when it passed
   */
  public void record(boolean passed, String whyFailed) {
    if (pending == null) {
      throw new IllegalStateException("no step is running: call next() first");
    }
    Proposal step = pending;
    pending = null;
    steps.add(
        new SearchStep(
            step.level(),
            step.phase(),
            passed,
            passed ? Optional.empty() : Optional.of(whyFailed)));
    if (step.phase() == SearchStep.Phase.RECHECK) {
      if (passed) {
        boundary = OptionalDouble.of(step.level());
        done = true;
        return;
      }
      failedRechecks.add(step.level());
      lowestFail = OptionalDouble.of(step.level());
      highestPass = highestPassBelow(step.level());
      return;
    }
    if (passed) {
      highestPass = OptionalDouble.of(Math.max(step.level(), highestPass.orElse(step.level())));
    } else {
      lowestFail = OptionalDouble.of(Math.min(step.level(), lowestFail.orElse(step.level())));
    }
  }

  /** The highest level that passed below {@code level} and never failed a re-check. */
  private OptionalDouble highestPassBelow(double level) {
    return steps.stream()
        .filter(s -> s.passed() && s.level() < level && !failedRechecks.contains(s.level()))
        .mapToDouble(SearchStep::level)
        .max();
  }

  /** Why the level {@link #next} named was chosen; empty when no step is pending. */
  public Optional<SearchStep.Phase> pendingPhase() {
    return Optional.ofNullable(pending).map(Proposal::phase);
  }

  /** True once no further step will be named. */
  public boolean done() {
    return done && pending == null;
  }

  /** Every step recorded, in the order run. */
  public List<SearchStep> steps() {
    return List.copyOf(steps);
  }

  /** The highest level that met the SLO twice (its step and its re-check); empty otherwise. */
  public OptionalDouble boundary() {
    return boundary;
  }

  /**
   * True when the boundary is searchMax itself: the server met the SLO at the highest level tried,
   * so the real boundary may lie above it.
   */
  public boolean reachedMax() {
    return boundary.isPresent() && boundary.getAsDouble() >= spec.max();
  }

  /** The highest level that passed and was not disproved by a re-check, confirmed or not. */
  public OptionalDouble highestPassed() {
    return highestPass;
  }

  /** What was searched. */
  public SearchSpec spec() {
    return spec;
  }
}
