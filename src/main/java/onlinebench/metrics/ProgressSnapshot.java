package onlinebench.metrics;

import java.util.Map;
import java.util.OptionalDouble;
import onlinebench.record.ErrorKind;

/**
 * The run so far, for the live progress line.
 *
 * @param done measured requests finished, succeeded or failed
 * @param failed of those, how many failed
 * @param errors the failed ones by kind, every kind present
 * @param outputTokens output tokens received so far
 * @param totalTokens input plus output tokens so far
 * @param elapsedNanos since the first measured request was sent; 0 before that
 * @param recentTtftMedianMs median TTFT of the requests that finished since the last snapshot
 */
public record ProgressSnapshot(
    long done,
    long failed,
    Map<ErrorKind, Long> errors,
    long outputTokens,
    long totalTokens,
    long elapsedNanos,
    OptionalDouble recentTtftMedianMs) {

  public ProgressSnapshot {
    errors = Map.copyOf(errors);
  }
}
