package onlinebench.compare;

/**
 * One figure present in both runs.
 *
 * @param key the flattened summary.json key, e.g. {@code errors.http_5xx}
 * @param regression whether it moved the wrong way by more than the tolerance
 */
public record MetricDelta(
    String key, double baseline, double current, Direction direction, boolean regression) {

  public double delta() {
    return current - baseline;
  }

  /** The change relative to the baseline, in percent; NaN when the baseline is 0. */
  public double deltaPercent() {
    if (baseline == 0) {
      return current == 0 ? 0 : Double.NaN;
    }
    return 100 * (current - baseline) / Math.abs(baseline);
  }
}
