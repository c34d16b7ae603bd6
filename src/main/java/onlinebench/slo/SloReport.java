package onlinebench.slo;

import java.util.List;

/** Every clause of a {@link SloSet} checked against one run, in the order written. */
public record SloReport(List<SloResult> results) {

  public SloReport {
    results = List.copyOf(results);
  }

  /** True when no gate failed (also when there are no clauses). */
  public boolean allPassed() {
    return results.stream().allMatch(SloResult::passed);
  }

  /** The gates that failed. */
  public List<SloResult> failures() {
    return results.stream().filter(r -> !r.passed()).toList();
  }

  /** How many clauses are gates. */
  public long gates() {
    return results.stream().filter(r -> r.clause().gate()).count();
  }
}
