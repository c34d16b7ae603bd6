package onlinebench.servermetrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServerSeriesTest {
  private static final long S = 1_000_000_000L;

  private static ServerSample sample(long nanos, Map<String, Double> mapped) {
    return new ServerSample(nanos, mapped, new TreeMap<>(), Map.of());
  }

  @Test
  void offsetsFromTheFirstSendAndTheGenerationCountersRiseAsARate() {
    long origin = 100 * S;
    List<ServerSample> samples =
        List.of(
            sample(origin - S / 2, Map.of("running", 0.0, "generation_tokens", 1000.0)),
            sample(origin + S / 2, Map.of("running", 8.0, "generation_tokens", 1400.0)),
            sample(origin + 3 * S / 2, Map.of("running", 8.0, "kv_cache_usage", 0.25)));

    ObjectNode series = ServerSeries.json(samples, origin);

    assertThat(series.get("offset_s").toString()).isEqualTo("[-0.5,0.5,1.5]");
    assertThat(series.get("running").toString()).isEqualTo("[0.0,8.0,8.0]");
    assertThat(series.get("waiting").toString()).isEqualTo("[null,null,null]");
    assertThat(series.get("kv_cache_usage").toString()).isEqualTo("[null,null,0.25]");
    // 400 tokens in 1 s; none before the first sample nor where the counter is missing
    assertThat(series.get("generation_tokens_per_s").toString()).isEqualTo("[null,400.0,null]");
  }
}
