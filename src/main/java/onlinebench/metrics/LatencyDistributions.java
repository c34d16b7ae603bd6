package onlinebench.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import onlinebench.record.LatencyMetric;

/**
 * Every latency's whole distribution in a run, for the HTML report; a metric without values (TTFT,
 * TPOT and ITL without streaming; any of them when nothing succeeded) is absent.
 */
public record LatencyDistributions(Map<LatencyMetric, LatencyDistribution> byMetric) {
  public LatencyDistributions {
    Map<LatencyMetric, LatencyDistribution> copy = new EnumMap<>(LatencyMetric.class);
    copy.putAll(byMetric);
    byMetric = Collections.unmodifiableMap(copy);
  }

  /** The metric's distribution, or null when it has no values. */
  public LatencyDistribution get(LatencyMetric metric) {
    return byMetric.get(metric);
  }
}
