package onlinebench.gatling;

import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.prompt.PromptCalibration;

/**
 * What makes a chat action the built-in benchmark's request ({@link
 * ChatRequestActionBuilder#asBenchmark}): the config it is sent as, its turn (a fed prompt, or a
 * turn of the conversation workload), and whether it warms up, teaches the prompt calibration, or
 * is watched by the harness monitor.
 *
 * @param config the server, model, streaming, timeout, trust and body of every request
 * @param turn where its messages come from: {@link FedPromptTurn}, a {@link ConversationTurn} or an
 *     {@link AgentTurn}
 * @param warmup whether it is a warmup request, in no figure
 * @param monitor watches the harness while measured requests run
 * @param calibration learns from warmup answers how the server counts prompts
 */
record BenchmarkRequest(
    BenchConfig config,
    ChatTurn turn,
    boolean warmup,
    Optional<HarnessMonitor> monitor,
    Optional<PromptCalibration> calibration) {

  /** A measured request with the fed prompt, sent as {@code config} says. */
  static BenchmarkRequest of(BenchConfig config) {
    RequestTarget.of(config); // refuses a config without a server now, not when the run starts
    return new BenchmarkRequest(
        config, FedPromptTurn.INSTANCE, false, Optional.empty(), Optional.empty());
  }

  BenchmarkRequest withTurn(ChatTurn chatTurn) {
    return new BenchmarkRequest(config, chatTurn, warmup, monitor, calibration);
  }

  BenchmarkRequest asWarmup() {
    return new BenchmarkRequest(config, turn, true, Optional.empty(), calibration);
  }

  BenchmarkRequest watchedBy(HarnessMonitor harnessMonitor) {
    return new BenchmarkRequest(config, turn, warmup, Optional.of(harnessMonitor), calibration);
  }

  BenchmarkRequest calibrating(PromptCalibration promptCalibration) {
    return new BenchmarkRequest(config, turn, warmup, monitor, Optional.of(promptCalibration));
  }
}
