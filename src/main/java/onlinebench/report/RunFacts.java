package onlinebench.report;

import onlinebench.config.BenchConfig;

/**
 * What the renderers need to know about a run besides its figures.
 *
 * @param config the run's configuration (rendered with the key masked)
 * @param builtInSimulator whether the target was the simulator this run started
 * @param partial whether the run was stopped before it finished (Ctrl-C, SIGTERM)
 */
public record RunFacts(BenchConfig config, boolean builtInSimulator, boolean partial) {}
