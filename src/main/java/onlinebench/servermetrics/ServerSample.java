package onlinebench.servermetrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scrape of the server's metrics (of every URL scraped, added up), as the run keeps it.
 *
 * @param nanos when the scrape was answered, a {@link System#nanoTime()} reading
 * @param mapped the common figures present ({@link ServerFamilies}), by common name
 * @param ttftBuckets the server's TTFT histogram since it started: cumulative counts by upper bound
 *     in seconds; empty when it exposes none
 * @param raw every other sample, by series ({@code name{labels}}); with several URLs each series is
 *     suffixed with {@code @host:port}
 */
public record ServerSample(
    long nanos,
    Map<String, Double> mapped,
    SortedMap<Double, Double> ttftBuckets,
    Map<String, Double> raw) {

  public ServerSample {
    mapped = Collections.unmodifiableMap(new LinkedHashMap<>(mapped));
    ttftBuckets = Collections.unmodifiableSortedMap(new TreeMap<>(ttftBuckets));
    raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
  }

  /** A common figure's value, when the server exposes it. */
  public OptionalDouble get(String common) {
    Double value = mapped.get(common);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /**
   * One sample from the scrapes of every URL taken at about {@code nanos}: counts and gauges added
   * up, the KV-cache share the fullest server's, TTFT buckets added up by bound.
   *
   * @param sources each URL's label ({@code host:port}) beside its scrape, in order
   */
  static ServerSample of(long nanos, List<Map.Entry<String, PrometheusScrape>> sources) {
    Map<String, Double> mapped = new LinkedHashMap<>();
    TreeMap<Double, Double> buckets = new TreeMap<>();
    Map<String, Double> raw = new LinkedHashMap<>();
    boolean several = sources.size() > 1;
    for (Map.Entry<String, PrometheusScrape> source : sources) {
      PrometheusScrape scrape = source.getValue();
      ServerFamilies.map(scrape)
          .forEach(
              (common, value) ->
                  mapped.merge(
                      common,
                      value,
                      common.equals(ServerFamilies.KV_CACHE_USAGE) ? Math::max : Double::sum));
      ServerFamilies.ttftBuckets(scrape)
          .forEach((le, count) -> buckets.merge(le, count, Double::sum));
      ServerFamilies.unmapped(scrape)
          .forEach(
              (series, value) -> raw.put(several ? series + "@" + source.getKey() : series, value));
    }
    // keep the common order whatever order the sources gave
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String common : ServerFamilies.ORDER) {
      if (mapped.containsKey(common)) {
        ordered.put(common, mapped.get(common));
      }
    }
    return new ServerSample(nanos, ordered, buckets, raw);
  }
}
