package onlinebench.gatling;

import java.util.Optional;
import onlinebench.config.BenchConfig;

/** Entry point of our small Gatling DSL for LLM requests. */
public final class LlmDsl {
  private LlmDsl() {}

  /**
   * A chat-completion action named {@code requestName} in Gatling's report, aimed at {@code
   * config.apiBase()} with the config's model, lengths, streaming and timeout.
   */
  public static ChatActionBuilder chat(String requestName, BenchConfig config) {
    return new ChatActionBuilder(
        requestName, config, Optional.empty(), WarmupGate.NONE, Optional.empty());
  }
}
