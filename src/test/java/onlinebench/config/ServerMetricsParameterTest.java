package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerMetricsParameterTest {
  private static ServerMetricsSetting parse(Map<String, String> props) {
    return BenchConfigParser.parse(props, Map.of()).serverMetrics();
  }

  @Test
  void defaultsToAutoOnceASecond() {
    ServerMetricsSetting setting = parse(Map.of());

    assertThat(setting.mode()).isEqualTo(ServerMetricsSetting.Mode.AUTO);
    assertThat(setting.interval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void autoScrapesTheServerRootOfTheApiBase() {
    ServerMetricsSetting auto = parse(Map.of("serverMetrics", "auto"));

    assertThat(auto.targets(URI.create("http://h:8000/v1")))
        .containsExactly(URI.create("http://h:8000/metrics"));
    assertThat(auto.targets(URI.create("https://gw.example/team/v1")))
        .containsExactly(URI.create("https://gw.example/metrics"));
  }

  @Test
  void offScrapesNothing() {
    assertThat(parse(Map.of("serverMetrics", "OFF")).targets(URI.create("http://h:8000/v1")))
        .isEmpty();
  }

  @Test
  void takesCommaSeparatedUrlsAndAnInterval() {
    ServerMetricsSetting setting =
        parse(
            Map.of(
                "server-metrics",
                "http://a:8000/metrics, https://b/m",
                "serverMetricsInterval",
                "500ms"));

    assertThat(setting.targets(URI.create("http://x/v1")))
        .isEqualTo(List.of(URI.create("http://a:8000/metrics"), URI.create("https://b/m")));
    assertThat(setting.interval()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void rejectsWhatIsNeitherAModeNorAUrl() {
    assertThatThrownBy(() -> parse(Map.of("serverMetrics", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "serverMetrics must be auto, off, or one or more comma-separated http:// or https://"
                + " URLs such as http://127.0.0.1:8000/metrics, got \"yes\" (-DserverMetrics)");
    assertThatThrownBy(() -> parse(Map.of("serverMetrics", "http://a/metrics,")))
        .hasMessageStartingWith("serverMetrics must be auto, off, or");
  }

  @Test
  void rejectsIntervalsTooShortOrNotDurations() {
    assertThatThrownBy(() -> parse(Map.of("serverMetricsInterval", "10ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "serverMetricsInterval must be a duration from 100ms up to 1h, e.g. 1s or 500ms, got"
                + " \"10ms\" (-DserverMetricsInterval)");
    assertThatThrownBy(() -> parse(Map.of("serverMetricsInterval", "soon")))
        .hasMessageStartingWith("serverMetricsInterval must be a duration");
  }

  @Test
  void theKeyGoesOnlyToTheApiBasesOwnServer() {
    URI apiBase = URI.create("http://h:80/v1");

    assertThat(ServerMetricsSetting.sameServer(URI.create("http://H/metrics"), apiBase)).isTrue();
    assertThat(ServerMetricsSetting.sameServer(URI.create("http://h:9090/metrics"), apiBase))
        .isFalse();
    assertThat(ServerMetricsSetting.sameServer(URI.create("https://h:80/metrics"), apiBase))
        .isFalse();
  }
}
