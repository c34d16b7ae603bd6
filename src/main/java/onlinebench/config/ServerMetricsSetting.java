package onlinebench.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/**
 * Where the server's own Prometheus metrics are scraped during a run ({@code -DserverMetrics}), and
 * how often ({@code -DserverMetricsInterval}).
 *
 * @param mode auto (the apiBase's server root, when it answers in Prometheus format), off, or the
 *     URLs given
 * @param urls the URLs given; empty unless the mode is {@link Mode#URLS}
 * @param interval the time between two scrapes
 */
public record ServerMetricsSetting(Mode mode, List<URI> urls, Duration interval) {

  /** One scrape a second, as AIPerf's default. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  /** The default: try the apiBase's server root once a second. */
  public static final ServerMetricsSetting AUTO =
      new ServerMetricsSetting(Mode.AUTO, List.of(), DEFAULT_INTERVAL);

  /** How the URLs to scrape are chosen. */
  public enum Mode {
    /** {@code /metrics} at the apiBase's server root, used only when it answers in the format. */
    AUTO,
    /** No scraping. */
    OFF,
    /** The URLs given, each required to answer. */
    URLS
  }

  public ServerMetricsSetting {
    urls = List.copyOf(urls);
  }

  /** The URLs to scrape for a run against {@code apiBase}; empty when off. */
  public List<URI> targets(URI apiBase) {
    return switch (mode) {
      case OFF -> List.of();
      case URLS -> urls;
      case AUTO -> List.of(metricsAtRoot(apiBase));
    };
  }

  /**
   * {@code /metrics} at the server root of {@code apiBase}: {@code http://h:8000/v1} gives {@code
   * http://h:8000/metrics}, where vLLM, SGLang, TGI and llama.cpp all serve it.
   */
  public static URI metricsAtRoot(URI apiBase) {
    try {
      return new URI(
          apiBase.getScheme(), null, apiBase.getHost(), apiBase.getPort(), "/metrics", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("no server root in " + apiBase, e);
    }
  }

  /** {@code url} as printed: without any user:password part, which may be a secret. */
  public static String shown(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.toString().replace(url.getRawUserInfo() + "@", "***@");
  }

  /** True when {@code url} is on the apiBase's own server (scheme, host and port alike). */
  public static boolean sameServer(URI url, URI apiBase) {
    return url.getScheme().equalsIgnoreCase(apiBase.getScheme())
        && url.getHost().equalsIgnoreCase(apiBase.getHost())
        && port(url) == port(apiBase);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
