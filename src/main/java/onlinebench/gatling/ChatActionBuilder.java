package onlinebench.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.config.Endpoint;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.openai.ChatRequestEncoder;
import onlinebench.openai.ChatResponseReader;
import onlinebench.prompt.PromptCalibration;
import onlinebench.prompt.PromptFeeder;
import onlinebench.record.RequestSink;

/**
 * A Gatling action that sends one chat completion (or legacy completion, with {@code
 * -Dendpoint=completions}) per virtual-user pass and measures it from the send to the last byte
 * with {@link System#nanoTime()} at the socket. Immutable: each method returns a new builder, as
 * Gatling's DSL does.
 *
 * <pre>{@code
 * exec(LlmDsl.chat("chat", config).recordTo(recorder))
 * }</pre>
 *
 * <p>The prompt, a {@link onlinebench.prompt.ChatPrompt}, is read from the session attribute
 * {@value PromptFeeder#PROMPT_ATTRIBUTE}, which a {@link PromptFeeder} fills.
 */
public final class ChatActionBuilder implements io.gatling.javaapi.core.ActionBuilder {
  private final String requestName;
  private final BenchConfig config;
  private final Optional<RequestSink> recorder;
  private final boolean warmup;
  private final Optional<HarnessMonitor> monitor;
  private final Optional<PromptCalibration> calibration;
  private final ChatTurn turn;

  ChatActionBuilder(
      String requestName,
      BenchConfig config,
      Optional<RequestSink> recorder,
      boolean warmup,
      Optional<HarnessMonitor> monitor,
      Optional<PromptCalibration> calibration,
      ChatTurn turn) {
    if (config.apiBase().isEmpty()) {
      throw new IllegalArgumentException("the config must name the server (apiBase)");
    }
    this.requestName = requestName;
    this.config = config;
    this.recorder = recorder;
    this.warmup = warmup;
    this.monitor = monitor;
    this.calibration = calibration;
    this.turn = turn;
  }

  /** Every measured request goes to this sink and to Gatling's stats. */
  public ChatActionBuilder recordTo(RequestSink sink) {
    return new ChatActionBuilder(
        requestName, config, Optional.of(sink), warmup, monitor, calibration, turn);
  }

  /**
   * Watches the harness itself while measured requests run: event-loop lag on Gatling's loops and
   * each user's turnaround from an answer to its next send.
   */
  public ChatActionBuilder watchedBy(HarnessMonitor harnessMonitor) {
    return new ChatActionBuilder(
        requestName, config, recorder, warmup, Optional.of(harnessMonitor), calibration, turn);
  }

  /**
   * Warmup answers that carry {@code usage.prompt_tokens} teach this calibration how the server
   * counts prompts; measured answers never do.
   */
  public ChatActionBuilder calibrate(PromptCalibration promptCalibration) {
    return new ChatActionBuilder(
        requestName, config, recorder, warmup, monitor, Optional.of(promptCalibration), turn);
  }

  /**
   * Warmup requests: they hit the server like any other but appear in no figure — not in Gatling's
   * report, not in the harness monitor; only in the prompt calibration, if any, and in a scratch
   * sink: a recorder of their own, or the one a later {@link #recordTo} names, which nobody reads.
   */
  public ChatActionBuilder warmup() {
    return new ChatActionBuilder(
        requestName, config, Optional.empty(), true, Optional.empty(), calibration, turn);
  }

  /**
   * Each request is a turn of a session ({@code -Dworkload=conversation} or {@code agent}): it
   * sends the session's history before the fed prompt (or an agent's tool results), and the answer
   * joins the history.
   */
  ChatActionBuilder conversationTurns(ChatTurn conversationTurn) {
    return new ChatActionBuilder(
        requestName, config, recorder, warmup, monitor, calibration, conversationTurn);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        monitor
            .filter(HarnessMonitor::claimProbe)
            .ifPresent(m -> EventLoopLagProbe.start(ctx.coreComponents().eventLoopGroup(), m));
        Endpoint endpoint = config.workload().endpoint();
        ChatRequestEncoder encoder =
            new ChatRequestEncoder(
                endpoint,
                config.model(),
                config.stream(),
                config.workload().ignoreEos(),
                turn.bodyFields(config.extraBody()));
        return new ChatAction(
            requestName,
            turn,
            ChatTransport.of(ctx, config),
            encoder,
            config.stream()
                ? maxTokens -> ChatResponseReader.stream(maxTokens, turn.keepsAnswer())
                : maxTokens -> ChatResponseReader.completion(endpoint, turn.keepsAnswer()),
            warmup
                ? new WarmupOutcomes(calibration, recorder)
                : new MeasuredOutcomes(
                    requestName,
                    MeasuredOutcomes.TTFT_ENTRY,
                    false,
                    config.stream(),
                    ctx.coreComponents().statsEngine(),
                    recorder),
            ctx.coreComponents().clock(),
            ctx.coreComponents().statsEngine(),
            config.apiKey(),
            monitor,
            next);
      }
    };
  }
}
