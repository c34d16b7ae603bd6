package onlinebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.PromptFeeder;
import org.junit.jupiter.api.Test;

class SelfWarmupTest {
  private static final BenchConfig TARGET =
      BenchConfigParser.parse(
          Map.of(
              "apiBase", "https://llm.example.com/v1",
              "apiKey", "sk-target-secret-0123456789",
              "model", "served-model",
              "stream", "true"),
          Map.of());

  @Test
  void aimsAtItsOwnLoopbackSimulatorWithoutTheTargetsKey() throws Exception {
    try (SelfWarmup self = SelfWarmup.start(TARGET, line -> {})) {
      BenchConfig config = self.config();
      assertThat(config.apiBase().orElseThrow().getHost()).isEqualTo("127.0.0.1");
      assertThat(config.apiKey().reveal()).isEmpty();
      assertThat(config.model()).isEqualTo("served-model");
      assertThat(config.stream()).isTrue();
    }
  }

  @Test
  void handsOutExactlyTheBurstsRequests() throws Exception {
    try (SelfWarmup self = SelfWarmup.start(TARGET, line -> {})) {
      int tickets = 0;
      while (self.nextRequest()) {
        tickets++;
      }
      assertThat(tickets).isEqualTo(SelfWarmup.REQUESTS);
    }
  }

  @Test
  void feedsShortPromptsWithShortAnswers() throws Exception {
    try (SelfWarmup self = SelfWarmup.start(TARGET, line -> {})) {
      ChatPrompt prompt = (ChatPrompt) self.prompts().next().get(PromptFeeder.PROMPT_ATTRIBUTE);
      assertThat(prompt.maxTokens()).isEqualTo(SelfWarmup.OUTPUT_TOKENS);
    }
  }

  @Test
  void usersWaitForEachOtherThenForTheJitAndTheLastWaitSaysWhatItCost() throws Exception {
    List<String> notices = new ArrayList<>();
    try (SelfWarmup self = SelfWarmup.start(TARGET, notices::add)) {
      while (self.nextRequest()) {
        // the burst's requests would go out here
      }
      for (int i = 0; i < self.users() - 1; i++) {
        self.userDone();
      }
      assertThat(self.settling()).as("one user is still in the burst").isTrue();

      self.userDone();
      long start = System.nanoTime();
      while (self.settling()) {
        Thread.sleep(10);
      }
      double waitedMs = (System.nanoTime() - start) / 1e6;

      assertThat(waitedMs)
          .as("at least one quiet window of the JIT, at most the cap and a window more")
          .isBetween(
              SelfWarmup.SETTLE_WINDOW_NANOS / 1e6,
              (SelfWarmup.MAX_SETTLE_NANOS + 2 * SelfWarmup.SETTLE_WINDOW_NANOS) / 1e6);
      assertThat(self.settling()).as("settled stays settled").isFalse();
      assertThat(notices)
          .singleElement()
          .asString()
          .startsWith("Self-warmup: 4096 requests to the harness's own loopback simulator in ")
          .contains("for the JIT to finish");
    }
  }
}
