package onlinebench.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses {@code -DserverMetrics} and {@code -DserverMetricsInterval} in the config's words. */
final class ServerMetricsParameter {
  private static final String ACCEPTED =
      "auto, off, or one or more comma-separated http:// or https:// URLs such as"
          + " http://127.0.0.1:8000/metrics";
  private static final Duration SHORTEST = Duration.ofMillis(100);
  private static final Duration LONGEST = Duration.ofHours(1);

  private ServerMetricsParameter() {}

  static ServerMetricsSetting parse(UserInput in) {
    Duration interval =
        Values.duration(
            in, Parameter.SERVER_METRICS_INTERVAL, ServerMetricsSetting.DEFAULT_INTERVAL);
    if (interval.compareTo(SHORTEST) < 0 || interval.compareTo(LONGEST) > 0) {
      throw Values.invalid(
          "serverMetricsInterval",
          in.get(Parameter.SERVER_METRICS_INTERVAL).orElseThrow(),
          "a duration from 100ms up to 1h, e.g. 1s or 500ms");
    }
    Optional<RawValue> raw = in.get(Parameter.SERVER_METRICS);
    String text = raw.map(r -> r.text().strip()).orElse("auto");
    switch (text.toLowerCase(Locale.ROOT)) {
      case "auto" -> {
        return new ServerMetricsSetting(ServerMetricsSetting.Mode.AUTO, List.of(), interval);
      }
      case "off" -> {
        return new ServerMetricsSetting(ServerMetricsSetting.Mode.OFF, List.of(), interval);
      }
      default -> {
        List<URI> urls = new ArrayList<>();
        for (String part : text.split(",", -1)) {
          urls.add(url(part.strip(), raw.orElseThrow()));
        }
        return new ServerMetricsSetting(ServerMetricsSetting.Mode.URLS, urls, interval);
      }
    }
  }

  private static URI url(String text, RawValue raw) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the accepted form
    }
    throw Values.invalid("serverMetrics", raw, ACCEPTED);
  }
}
