package onlinebench.slo;

import onlinebench.config.slo.SloClause;

/**
 * One clause checked against a run.
 *
 * @param clause the clause
 * @param measured the run's value, in the clause's unit; NaN when the run has none (e.g. no request
 *     succeeded) or for a per-request clause
 * @param verdict pass, fail, or per-request
 */
public record SloResult(SloClause clause, double measured, Verdict verdict) {

  /** True unless the clause is a gate that failed. */
  public boolean passed() {
    return verdict != Verdict.FAIL;
  }
}
