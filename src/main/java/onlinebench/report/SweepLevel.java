package onlinebench.report;

import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.metrics.Summary;

/**
 * One level of a sweep and what it measured.
 *
 * @param config the level's configuration (its concurrency, or its single request rate)
 * @param summary the level's figures
 * @param metSlo whether the level met the SLOs; empty when no SLO was given. A level stopped early
 *     did not: it never showed the load it was asked for
 * @param stoppedEarly why {@code -DstopOnErrors} stopped this level; empty when it ran to its end
 */
public record SweepLevel(
    BenchConfig config, Summary summary, Optional<Boolean> metSlo, Optional<String> stoppedEarly) {

  /** A level that ran to its end. */
  public SweepLevel(BenchConfig config, Summary summary, Optional<Boolean> metSlo) {
    this(config, summary, metSlo, Optional.empty());
  }

  /** {@code concurrency} or {@code request_rate}: what the sweep varies. */
  public String parameter() {
    return config.load().open() ? "request_rate" : "concurrency";
  }

  /** The level's value: its concurrency or its request rate. */
  public double value() {
    return config.load().open() ? config.load().requestRate().getAsDouble() : config.concurrency();
  }

  /** The value as the user typed it: {@code 4} or {@code 2.5}. */
  public String valueText() {
    return LoadView.number(value());
  }
}
