package onlinebench.metrics;

/**
 * The four latency distributions of a run; each is null where no value exists (TTFT, TPOT and ITL
 * without streaming; any of them when nothing succeeded).
 */
public record LatencyDistributions(
    LatencyDistribution e2el,
    LatencyDistribution ttft,
    LatencyDistribution tpot,
    LatencyDistribution itl) {}
