package onlinebench.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import onlinebench.config.LengthSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorConfigTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void eachWithChangesItsComponentAndKeepsEveryOther() {
    SimulatorConfig config =
        new SimulatorConfig(
            8123,
            "m",
            Duration.ofMillis(7),
            Duration.ofMillis(3),
            "key",
            Path.of("truth.jsonl"),
            42,
            Delivery.TOKEN,
            Realism.none().withStopMeanTokens(9),
            FaultPlan.parse("500:0.5"),
            true,
            new PromptCounting(PromptCounting.Tokenizer.WORDS, 4),
            ServerProfile.VLLM,
            5,
            LengthSpec.fixed(7),
            Conversations.defaults().withToolCallShare(0.25).withPrefixCache(true));

    assertThat(config.withPort(1).port()).isEqualTo(1);
    assertThat(config.withPort(1).withPort(8123)).isEqualTo(config);
    assertThat(config.withModel("x").withModel("m")).isEqualTo(config);
    assertThat(config.withDelays(Duration.ZERO, Duration.ZERO).ttft()).isZero();
    assertThat(config.withDelays(Duration.ZERO, Duration.ZERO).itl()).isZero();
    assertThat(
            config.withDelays(Duration.ZERO, Duration.ZERO).withDelays(config.ttft(), config.itl()))
        .isEqualTo(config);
    assertThat(config.withApiKey(null).apiKey()).isNull();
    assertThat(config.withApiKey(null).withApiKey("key")).isEqualTo(config);
    assertThat(config.withTruthLog(null).withTruthLog(config.truthLog())).isEqualTo(config);
    assertThat(config.withSeed(1).withSeed(42)).isEqualTo(config);
    assertThat(config.withRealism(Realism.none()).realism()).isEqualTo(Realism.none());
    assertThat(config.withRealism(Realism.none()).withRealism(config.realism())).isEqualTo(config);
    assertThat(config.withFaults(FaultPlan.none()).withFaults(config.faults())).isEqualTo(config);
    assertThat(config.withTls(false).tls()).isFalse();
    assertThat(config.withTls(false).withTls(true)).isEqualTo(config);
    assertThat(config.withPromptCounting(PromptCounting.words()).promptCounting())
        .isEqualTo(PromptCounting.words());
    assertThat(
            config
                .withPromptCounting(PromptCounting.words())
                .withPromptCounting(config.promptCounting()))
        .isEqualTo(config);
    assertThat(config.withProfile(ServerProfile.OPENAI).profile()).isEqualTo(ServerProfile.OPENAI);
    assertThat(config.withProfile(ServerProfile.OPENAI).withProfile(ServerProfile.VLLM))
        .isEqualTo(config);
    assertThat(config.withCaptureLimit(0).captureLimit()).isZero();
    assertThat(config.withCaptureLimit(0).withCaptureLimit(5)).isEqualTo(config);
    assertThat(config.withReasoningTokens(null).reasoningTokens()).isNull();
    assertThat(config.withReasoningTokens(null).withReasoningTokens(LengthSpec.fixed(7)))
        .isEqualTo(config);
    assertThat(config.withConversations(Conversations.defaults()).conversations())
        .isEqualTo(Conversations.defaults());
    assertThat(
            config
                .withConversations(Conversations.defaults())
                .withConversations(config.conversations()))
        .isEqualTo(config);
  }

  @Test
  void fastPresetIsTheDefaultsWithoutDelaysAndWithCapture() {
    SimulatorConfig fast = SimulatorConfig.fast();

    assertThat(fast.ttft()).isZero();
    assertThat(fast.itl()).isZero();
    assertThat(fast.realism()).as("no jitter, no prefill, no batching").isEqualTo(Realism.none());
    assertThat(fast.captureLimit()).isEqualTo(SimulatorConfig.DEFAULT_CAPTURE_LIMIT);
    assertThat(fast.withDelays(Duration.ofMillis(50), Duration.ofMillis(2)).withCaptureLimit(0))
        .as("everything else as the defaults")
        .isEqualTo(SimulatorConfig.defaults());
  }

  @Test
  void rejectsANegativeCaptureLimit() {
    assertThatThrownBy(() -> SimulatorConfig.defaults().withCaptureLimit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("captureLimit must be >= 0 (0 keeps no served requests), got -1");
  }

  @Test
  void profileDefaultsToOpenAi() {
    assertThat(SimulatorConfig.defaults().profile()).isEqualTo(ServerProfile.OPENAI);
    assertThat(SimulatorConfig.fromSystemProperties(props(), 0).profile())
        .isEqualTo(ServerProfile.OPENAI);
  }

  @Test
  void rejectsAnUnknownProfileNamingEveryAcceptedOne() {
    assertThatThrownBy(() -> SimulatorConfig.fromSystemProperties(props("sim.profile", "vlm"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sim.profile must be one of openai, vllm, sglang, llamacpp, tgi, ollama, got \"vlm\""
                + " (-Dsim.profile)");
  }

  @Test
  void defaultsMatchTheDesign() {
    SimulatorConfig config = SimulatorConfig.defaults();

    assertThat(config.port()).isZero();
    assertThat(config.model()).isEqualTo("simulated-llm");
    assertThat(config.ttft()).isEqualTo(Duration.ofMillis(50));
    assertThat(config.itl()).isEqualTo(Duration.ofMillis(2));
    assertThat(config.apiKey()).isNull();
    assertThat(config.truthLog()).isNull();
    assertThat(config.seed()).isEqualTo(1);
    assertThat(config.delivery()).isEqualTo(Delivery.TOKEN);
    assertThat(config.captureLimit()).as("no served requests kept unless asked").isZero();
  }

  @Test
  void noPropertiesGiveTheDefaultsWithTheCallersPort() {
    assertThat(SimulatorConfig.fromSystemProperties(new Properties(), 8000))
        .isEqualTo(SimulatorConfig.defaults().withPort(8000));
  }

  @Test
  void readsEveryProperty() {
    SimulatorConfig config =
        SimulatorConfig.fromSystemProperties(
            props(
                "sim.port", "9001",
                "sim.model", "llama-3",
                "sim.ttftMs", "0.5",
                "sim.itlMs", "12",
                "sim.apiKey", "secret",
                "sim.truthLog", "target/truth.jsonl",
                "sim.seed", "-7",
                "sim.delivery", "token",
                "sim.prefillTokensPerSec", "2000",
                "sim.batchSlowdown", "0.05",
                "sim.maxSequences", "8",
                "sim.stopMeanTokens", "100",
                "sim.jitter", "0.1",
                "sim.faults", "500:0.05, 429:0.02,cut:0.01",
                "sim.tls", "true",
                "sim.tokenizer", "Chars",
                "sim.chatTemplateTokens", "20",
                "sim.profile", " LlamaCpp ",
                "sim.toolCallShare", "0.3",
                "sim.prefixCache", "true",
                "sim.prefixCacheBlockTokens", "32",
                "sim.prefixCacheBlocks", "1000"),
            0);

    assertThat(config)
        .isEqualTo(
            new SimulatorConfig(
                9001,
                "llama-3",
                Duration.ofNanos(500_000),
                Duration.ofMillis(12),
                "secret",
                Path.of("target/truth.jsonl"),
                -7,
                Delivery.TOKEN,
                new Realism(2000, 0.05, 8, 100, 0.1),
                new FaultPlan(
                    Map.of(Fault.SERVER_ERROR, 0.05, Fault.RATE_LIMITED, 0.02, Fault.CUT, 0.01)),
                true,
                new PromptCounting(PromptCounting.Tokenizer.CHARS, 20),
                ServerProfile.LLAMACPP,
                0,
                null,
                new Conversations(0.3, true, 32, 1000)));
  }

  @Test
  void acceptsWholeDeliveryWithZeroDelays() {
    SimulatorConfig config =
        SimulatorConfig.fromSystemProperties(
            props("sim.delivery", "whole", "sim.ttftMs", "0", "sim.itlMs", "0"), 0);

    assertThat(config.delivery()).isEqualTo(Delivery.WHOLE);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sim.ttftMs   | abc   | sim.ttftMs must be a number >= 0, got \"abc\" (-Dsim.ttftMs)",
        "sim.ttftMs   | -1    | sim.ttftMs must be a number >= 0, got \"-1\" (-Dsim.ttftMs)",
        "sim.ttftMs   | NaN   | sim.ttftMs must be a number >= 0, got \"NaN\" (-Dsim.ttftMs)",
        "sim.ttftMs   | 3600001 | sim.ttftMs must be a number >= 0 and at most 3600000 (one hour),"
            + " got \"3600001\" (-Dsim.ttftMs)",
        "sim.itlMs    | 2ms   | sim.itlMs must be a number >= 0, got \"2ms\" (-Dsim.itlMs)",
        "sim.port     | 70000 | sim.port must be a whole number between 0 and 65535 (0 picks a free"
            + " port), got \"70000\" (-Dsim.port)",
        "sim.port     | http  | sim.port must be a whole number between 0 and 65535 (0 picks a free"
            + " port), got \"http\" (-Dsim.port)",
        "sim.seed     | 1.5   | sim.seed must be a whole number, got \"1.5\" (-Dsim.seed)",
        "sim.delivery | fast  | sim.delivery must be one of token, whole, got \"fast\""
            + " (-Dsim.delivery)",
        "sim.model    | ' '   | sim.model must be a non-blank model name, got \" \" (-Dsim.model)",
        "sim.truthLog | ' '   | sim.truthLog must be a file path, got \" \" (-Dsim.truthLog)",
        "sim.prefillTokensPerSec | -5 | sim.prefillTokensPerSec must be a number >= 0 (tokens per"
            + " second; 0 = prefill takes no time), got \"-5\" (-Dsim.prefillTokensPerSec)",
        "sim.batchSlowdown | 1e9 | sim.batchSlowdown must be a number between 0 and 1000 (0 = no"
            + " slowdown), got \"1e9\" (-Dsim.batchSlowdown)",
        "sim.maxSequences | 1.5 | sim.maxSequences must be a whole number >= 0 (0 = unlimited),"
            + " got \"1.5\" (-Dsim.maxSequences)",
        "sim.stopMeanTokens | -1 | sim.stopMeanTokens must be a whole number >= 0 (0 = every"
            + " response runs to max_tokens), got \"-1\" (-Dsim.stopMeanTokens)",
        "sim.jitter | 1.5 | sim.jitter must be a number between 0 and 1 (0 = no jitter), got"
            + " \"1.5\" (-Dsim.jitter)",
        "sim.jitter | NaN | sim.jitter must be a number between 0 and 1 (0 = no jitter), got"
            + " \"NaN\" (-Dsim.jitter)",
        "sim.tls | yes | sim.tls must be true or false, got \"yes\" (-Dsim.tls)",
        "sim.tokenizer | bpe | sim.tokenizer must be one of words, chars, got \"bpe\""
            + " (-Dsim.tokenizer)",
        "sim.chatTemplateTokens | -3 | sim.chatTemplateTokens must be a whole number >= 0 (tokens"
            + " added to every prompt's count), got \"-3\" (-Dsim.chatTemplateTokens)",
        "sim.toolCallShare | 1.5 | sim.toolCallShare must be a number between 0 and 1 (the share of"
            + " requests offering tools answered with a tool call), got \"1.5\""
            + " (-Dsim.toolCallShare)",
        "sim.prefixCache | on | sim.prefixCache must be true or false, got \"on\""
            + " (-Dsim.prefixCache)",
        "sim.prefixCacheBlockTokens | 0 | sim.prefixCacheBlockTokens must be a whole number >= 1"
            + " (tokens per block), got \"0\" (-Dsim.prefixCacheBlockTokens)",
        "sim.prefixCacheBlocks | -1 | sim.prefixCacheBlocks must be a whole number >= 1 (blocks"
            + " the prefix cache remembers), got \"-1\" (-Dsim.prefixCacheBlocks)",
      })
  void rejectsAnInvalidPropertyNamingPropertyValueAndWhatIsAccepted(
      String property, String value, String message) {
    assertThatThrownBy(() -> SimulatorConfig.fromSystemProperties(props(property, value), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static final String FAULTS_GRAMMAR =
      "sim.faults must be a comma list of kind:rate with kinds 500, 503, 429, reset, cut,"
          + " malformed, stall, slow, nousage, each rate between 0 and 1 and the rates summing to"
          + " at most 1 (e.g. 500:0.05,429:0.02,cut:0.01), got ";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "500:0.1,teapot:0.1 | unknown kind \"teapot\"",
        "500:2              | rate 2 of 500 is not between 0 and 1",
        "500:-0.1           | rate -0.1 of 500 is not between 0 and 1",
        "cut:half           | rate \"half\" of cut is not a number",
        "cut                | \"cut\" is not kind:rate",
        "500:0.6,503:0.5    | the rates sum to 1.1, above 1",
        "stall:0.1,stall:0.1 | kind stall given twice",
      })
  void rejectsBadFaultsQuotingTheGrammarAndTheProblem(String value, String problem) {
    assertThatThrownBy(() -> SimulatorConfig.fromSystemProperties(props("sim.faults", value), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(FAULTS_GRAMMAR + "\"" + value + "\": " + problem + " (-Dsim.faults)");
  }

  @Test
  void readsEveryFaultKindAndPrintsThemBack() {
    String all =
        "500:0.1,503:0.1,429:0.1,reset:0.1,cut:0.1,malformed:0.1,stall:0.1,slow:0.1,nousage:0.1";

    SimulatorConfig config = SimulatorConfig.fromSystemProperties(props("sim.faults", all), 0);

    assertThat(config.faults().rates()).hasSize(Fault.values().length);
    assertThat(config.faults()).hasToString(all);
    assertThat(SimulatorConfig.fromSystemProperties(props("sim.faults", "none"), 0).faults())
        .isEqualTo(FaultPlan.none());
  }

  @Test
  void rejectsWholeDeliveryWithRealismTiming() {
    assertThatThrownBy(
            () ->
                SimulatorConfig.fromSystemProperties(
                    props(
                        "sim.delivery", "whole",
                        "sim.ttftMs", "0",
                        "sim.itlMs", "0",
                        "sim.maxSequences", "4"),
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("and realism knobs set");
  }

  @Test
  void rejectsBlankApiKey() {
    assertThatThrownBy(() -> SimulatorConfig.fromSystemProperties(props("sim.apiKey", ""), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sim.apiKey must not be blank when set; leave it unset to accept any key"
                + " (-Dsim.apiKey)");
  }

  @Test
  void rejectsWholeDeliveryWithDelaysSayingWhichAreNotZero() {
    assertThatThrownBy(
            () ->
                SimulatorConfig.fromSystemProperties(
                    props("sim.delivery", "whole", "sim.itlMs", "0"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sim.delivery=whole needs sim.ttftMs=0 and sim.itlMs=0 (it writes the whole stream at"
                + " once), got sim.ttftMs=50 sim.itlMs=0");
  }

  @Test
  void toStringMasksTheApiKey() {
    String text = SimulatorConfig.defaults().withApiKey("sk-very-secret").toString();

    assertThat(text).contains("apiKey=***").doesNotContain("sk-very-secret");
  }
}
