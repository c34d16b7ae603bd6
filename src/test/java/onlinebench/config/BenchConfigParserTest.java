package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchConfigParserTest {
  private static BenchConfig parse(Map<String, String> props) {
    return BenchConfigParser.parse(props, Map.of());
  }

  private static void assertRejected(Map<String, String> props, String message) {
    assertThatThrownBy(() -> parse(props)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void defaultsMatchTheDesignTable() {
    BenchConfig c = parse(Map.of());
    assertThat(c.usesBuiltInSimulator()).isTrue();
    assertThat(c.apiKey().reveal()).isEqualTo("vllm");
    assertThat(c.model()).isEqualTo("simulated-llm");
    assertThat(c.concurrency()).isEqualTo(128);
    assertThat(c.totalRequests()).isEqualTo(1024);
    assertThat(c.promptTokens()).isEqualTo(LengthSpec.fixed(1024));
    assertThat(c.outputTokens()).isEqualTo(LengthSpec.fixed(1024));
    assertThat(c.warmupRequests()).isEqualTo(8);
    assertThat(c.stream()).isFalse();
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(c.extraBody()).isEmpty();
    assertThat(c.progress()).isEqualTo(ProgressMode.AUTO);
  }

  @Test
  void selfWarmupIsOnUnlessTurnedOff() {
    assertThat(parse(Map.of()).selfWarmup()).isTrue();
    assertThat(parse(Map.of("selfWarmup", "false")).selfWarmup()).isFalse();
    assertRejected(
        Map.of("selfWarmup", "off"),
        "selfWarmup must be true or false, got \"off\" (-DselfWarmup)");
  }

  @Test
  void acceptsKebabCaseAliases() {
    BenchConfig c =
        parse(
            Map.of(
                "api-base", "http://127.0.0.1:8000/v1/",
                "model", "m",
                "total-requests", "10",
                "prompt-tokens", "5",
                "output-tokens", "7",
                "api-key", "sk-abc"));
    assertThat(c.apiBase()).contains(URI.create("http://127.0.0.1:8000/v1"));
    assertThat(c.totalRequests()).isEqualTo(10);
    assertThat(c.promptTokens()).isEqualTo(LengthSpec.fixed(5));
    assertThat(c.outputTokens()).isEqualTo(LengthSpec.fixed(7));
    assertThat(c.apiKey().reveal()).isEqualTo("sk-abc");
  }

  @Test
  void camelCaseWinsOverKebabCase() {
    assertThat(
            parse(Map.of("concurrency", "3", "total-requests", "9", "totalRequests", "4"))
                .totalRequests())
        .isEqualTo(4);
  }

  @Test
  void readsOpenAiEnvironmentVariablesWhenPropertiesAreUnset() {
    BenchConfig c =
        BenchConfigParser.parse(
            Map.of("model", "gpt"),
            Map.of("OPENAI_BASE_URL", "https://api.openai.com/v1", "OPENAI_API_KEY", "sk-env"));
    assertThat(c.apiBase()).contains(URI.create("https://api.openai.com/v1"));
    assertThat(c.apiKey().reveal()).isEqualTo("sk-env");
  }

  @Test
  void propertiesWinOverEnvironment() {
    BenchConfig c =
        BenchConfigParser.parse(Map.of("apiKey", "sk-prop"), Map.of("OPENAI_API_KEY", "sk-env"));
    assertThat(c.apiKey().reveal()).isEqualTo("sk-prop");
  }

  @Test
  void modelDefaultsToTheSimulatorsModel() {
    assertThat(parse(Map.of("sim.model", "tiny")).model()).isEqualTo("tiny");
  }

  @Test
  void rejectsNonNumericConcurrency() {
    assertRejected(
        Map.of("concurrency", "abc"),
        "concurrency must be a whole number from 1 to 100000, got \"abc\" (-Dconcurrency)");
  }

  @Test
  void rejectsZeroConcurrency() {
    assertRejected(
        Map.of("concurrency", "0"),
        "concurrency must be a whole number from 1 to 100000, got \"0\" (-Dconcurrency)");
  }

  @Test
  void rejectsNegativeConcurrency() {
    assertRejected(
        Map.of("concurrency", "-4"),
        "concurrency must be a whole number from 1 to 100000, got \"-4\" (-Dconcurrency)");
  }

  @Test
  void namesTheKebabSpellingTheUserTyped() {
    assertRejected(
        Map.of("total-requests", "1.5"),
        "totalRequests must be a whole number from 1 to 1000000000, got \"1.5\" (-Dtotal-requests)");
  }

  @Test
  void rejectsZeroPromptAndOutputTokens() {
    String accepted =
        " must be a whole number (1024), a range min:max (512:1024) or a normal mean~stddev"
            + " (1024~128), lengths from 1 to 10000000, got \"0\" ";
    assertRejected(Map.of("promptTokens", "0"), "promptTokens" + accepted + "(-DpromptTokens)");
    assertRejected(Map.of("outputTokens", "0"), "outputTokens" + accepted + "(-DoutputTokens)");
  }

  @Test
  void parsesLengthRangesAndNormals() {
    BenchConfig c = parse(Map.of("promptTokens", "512:1024", "output-tokens", " 256 ~ 32 "));
    assertThat(c.promptTokens()).isEqualTo(LengthSpec.uniform(512, 1024));
    assertThat(c.outputTokens()).isEqualTo(LengthSpec.normal(256, 32));
  }

  @Test
  void rejectsALengthOutsideTheGrammarWithTheGrammar() {
    assertRejected(
        Map.of("promptTokens", "abc"),
        "promptTokens must be a whole number (1024), a range min:max (512:1024) or a normal"
            + " mean~stddev (1024~128), got \"abc\" (-DpromptTokens)");
    assertRejected(
        Map.of("outputTokens", "1024:512"),
        "outputTokens must be a whole number (1024), a range min:max (512:1024) or a normal"
            + " mean~stddev (1024~128) with min <= max, got \"1024:512\" (-DoutputTokens)");
  }

  @Test
  void parsesTheTokenizer() {
    assertThat(parse(Map.of()).workload().tokenizer()).isEqualTo(Tokenizer.CL100K_BASE);
    assertThat(parse(Map.of("tokenizer", "O200K_base")).workload().tokenizer())
        .isEqualTo(Tokenizer.O200K_BASE);
    assertRejected(
        Map.of("tokenizer", "llama3"),
        "tokenizer must be cl100k_base or o200k_base, got \"llama3\" (-Dtokenizer)");
  }

  @Test
  void rejectsASharedPrefixAsLongAsTheShortestPrompt() {
    assertRejected(
        Map.of("promptTokens", "256", "sharedPrefixTokens", "256"),
        "sharedPrefixTokens must be smaller than the shortest prompt: promptTokens 256, got"
            + " sharedPrefixTokens \"256\" (-DsharedPrefixTokens)");
    assertRejected(
        Map.of("promptTokens", "512:1024", "shared-prefix-tokens", "600"),
        "sharedPrefixTokens must be smaller than the shortest prompt: promptTokens 512:1024 can be"
            + " as short as 512, got sharedPrefixTokens \"600\" (-Dshared-prefix-tokens)");
    assertThat(
            parse(Map.of("promptTokens", "1024~128", "sharedPrefixTokens", "511"))
                .workload()
                .sharedPrefixTokens())
        .isEqualTo(511);
  }

  @Test
  void allowsZeroWarmupButNotNegative() {
    assertThat(parse(Map.of("warmupRequests", "0")).warmupRequests()).isZero();
    assertRejected(
        Map.of("warmupRequests", "-1"),
        "warmupRequests must be a whole number from 0 to 1000000000, got \"-1\" (-DwarmupRequests)");
  }

  @Test
  void requiresModelWhenApiBaseIsGiven() {
    assertRejected(
        Map.of("apiBase", "http://127.0.0.1:8000/v1"),
        "model is required when apiBase is given: add -Dmodel=<a model the server serves;"
            + " GET <apiBase>/models lists them>");
  }

  @Test
  void rejectsApiBaseThatIsNotHttp() {
    assertRejected(
        Map.of("apiBase", "ftp://host/v1", "model", "m"),
        "apiBase must be an http:// or https:// URL such as http://127.0.0.1:8000/v1, got"
            + " \"ftp://host/v1\" (-DapiBase)");
    assertRejected(
        Map.of("apiBase", "localhost:8000", "model", "m"),
        "apiBase must be an http:// or https:// URL such as http://127.0.0.1:8000/v1, got"
            + " \"localhost:8000\" (-DapiBase)");
  }

  @Test
  void rejectsExtraBodyThatIsNotAJsonObject() {
    assertRejected(
        Map.of("extraBody", "[1,2]"),
        "extraBody must be a JSON object such as {\"ignore_eos\":true}, got \"[1,2]\" (-DextraBody)");
    assertRejected(
        Map.of("extraBody", "{best_of:1"),
        "extraBody must be a JSON object such as {\"ignore_eos\":true}, got \"{best_of:1\""
            + " (-DextraBody)");
  }

  @Test
  void rejectsExtraBodyThatSetsFieldsTheBenchmarkOwns() {
    assertRejected(
        Map.of("extraBody", "{\"stream\":true}"),
        "extraBody must not set \"stream\", which the benchmark sets itself (use -Dstream), got"
            + " \"{\"stream\":true}\" (-DextraBody)");
    assertRejected(
        Map.of("extraBody", "{\"prompt\":\"hi\"}"),
        "extraBody must not set \"prompt\", which the benchmark sets itself (use -DpromptTokens),"
            + " got \"{\"prompt\":\"hi\"}\" (-DextraBody)");
  }

  @Test
  void acceptsExtraBodyObject() {
    assertThat(
            parse(Map.of("extraBody", "{\"ignore_eos\":true}"))
                .extraBody()
                .orElseThrow()
                .get("ignore_eos")
                .asBoolean())
        .isTrue();
  }

  @Test
  void parsesStreamFlag() {
    assertThat(parse(Map.of("stream", "true")).stream()).isTrue();
    assertThat(parse(Map.of("stream", "")).stream()).isTrue();
    assertRejected(Map.of("stream", "yes"), "stream must be true or false, got \"yes\" (-Dstream)");
  }

  @Test
  void parsesRequestTimeoutInSecondsOrWithUnit() {
    assertThat(parse(Map.of("requestTimeout", "30")).requestTimeout())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(parse(Map.of("requestTimeout", "500ms")).requestTimeout())
        .isEqualTo(Duration.ofMillis(500));
    assertThat(parse(Map.of("requestTimeout", "2m")).requestTimeout())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(parse(Map.of("requestTimeout", "1.5")).requestTimeout())
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void rejectsZeroOrGarbageRequestTimeout() {
    String accepted =
        "requestTimeout must be a duration > 0 up to 24h: seconds (600) or with a unit (500ms, 30s, 10m)";
    assertRejected(Map.of("requestTimeout", "0"), accepted + ", got \"0\" (-DrequestTimeout)");
    assertRejected(
        Map.of("requestTimeout", "soon"), accepted + ", got \"soon\" (-DrequestTimeout)");
  }

  @Test
  void rejectsUnknownProgressMode() {
    assertRejected(
        Map.of("progress", "fancy"),
        "progress must be auto, tty, plain or off, got \"fancy\" (-Dprogress)");
  }

  @Test
  void workloadDefaultsToGeneratedChatPrompts() {
    assertThat(parse(Map.of()).workload()).isEqualTo(Workload.DEFAULT);
  }

  @Test
  void parsesWorkloadProperties() {
    Workload w =
        parse(
                Map.of(
                    "seed", "-7",
                    "ignore-eos", "true",
                    "sharedPrefixTokens", "100",
                    "endpoint", "completions"))
            .workload();
    assertThat(w.seed()).isEqualTo(-7);
    assertThat(w.ignoreEos()).isTrue();
    assertThat(w.sharedPrefixTokens()).isEqualTo(100);
    assertThat(w.endpoint()).isEqualTo(Endpoint.COMPLETIONS);
    assertThat(w.endpoint().path()).isEqualTo("/completions");
  }

  @Test
  void rejectsUnknownEndpoint() {
    assertRejected(
        Map.of("endpoint", "embeddings"),
        "endpoint must be chat or completions, got \"embeddings\" (-Dendpoint)");
  }

  @Test
  void rejectsMissingDatasetFile() {
    assertRejected(
        Map.of("dataset", "/no/such/file.jsonl"),
        "dataset must be a readable JSONL file of OpenAI messages or ShareGPT conversations, got"
            + " \"/no/such/file.jsonl\" (-Ddataset)");
  }

  @Test
  void rejectsNonNumericSeed() {
    assertRejected(
        Map.of("seed", "abc"),
        "seed must be a whole number (any 64-bit integer), got \"abc\" (-Dseed)");
  }
}
