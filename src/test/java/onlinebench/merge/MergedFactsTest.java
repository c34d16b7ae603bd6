package onlinebench.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.report.ConfigView;
import org.junit.jupiter.api.Test;

class MergedFactsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode view(BenchConfig config) {
    return JSON.valueToTree(ConfigView.of(config, false));
  }

  @Test
  void theConfigurationASummaryShowsParsesBackToTheSameConfiguration() {
    List<Map<String, String>> configs =
        List.of(
            Map.of(),
            Map.of(
                "apiBase", "http://127.0.0.1:8000/v1",
                "model", "m",
                "requestRate", "4",
                "arrival", "gamma",
                "burstiness", "0.5",
                "maxConcurrency", "64",
                "duration", "90s",
                "rampUp", "1.5s",
                "injectorIndex", "1",
                "injectorCount", "3"),
            Map.of("concurrency", "1,4,16", "promptTokens", "512:1024", "outputTokens", "64~8"),
            Map.of("requestRate", "1,2.5", "arrival", "constant", "endpoint", "completions"),
            Map.of(
                "stream", "true",
                "slo", "ttft.p95<500ms,errors<1%,tpot<25ms",
                "extraBody", "{\"ignore_eos\":true}",
                "requestTimeout", "250ms",
                "seed", "-7",
                "sharedPrefixTokens", "100",
                "tokenizer", "o200k_base",
                "harnessCpuLimit", "0.5",
                "stopOnErrors", "12.5%/20"),
            Map.of(
                "workload", "conversation",
                "turns", "2:6",
                "thinkTime", "500ms:3s",
                "systemPromptTokens", "256",
                "sessions", "40"),
            Map.of("workload", "conversation", "thinkTime", "2s~500ms", "duration", "60s"));
    for (Map<String, String> properties : configs) {
      BenchConfig config = BenchConfigParser.parse(properties, Map.of());
      ObjectNode summary = JSON.createObjectNode();
      summary.set("config", view(config));
      MergeInput run = new MergeInput(Path.of("run"), summary, null);

      assertThat(view(MergedFacts.config(run))).as("%s", properties).isEqualTo(view(config));
    }
  }
}
