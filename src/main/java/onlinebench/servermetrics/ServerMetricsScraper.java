package onlinebench.servermetrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import onlinebench.config.ApiKey;
import onlinebench.config.ServerMetricsSetting;

/**
 * Scrapes the server's Prometheus metrics on its own connection and its own daemon thread while a
 * run goes on, keeps every sample for the summary, and writes each to {@code server-metrics.jsonl}
 * as it comes: one JSON line with {@code offset_s} (from the measured phase's first send; negative
 * before it), the common figures ({@link ServerFamilies}), {@code ttft_buckets} and {@code raw},
 * every sample it did not map. Lines taken before the measured phase begins wait in memory until
 * its first send fixes the origin. Its requests are never benchmark requests: they go through the
 * JDK's HTTP client, not Gatling's pool, and nothing records them.
 *
 * <p>The first sample is taken when it starts (before any load), one more once the warmup is done
 * ({@link #awaitingBaseline()}, before the first measured send), the last when it is closed (after
 * every request), so that counter deltas over the measured phase have a sample on each side with
 * nothing but the measured requests between them.
 */
public final class ServerMetricsScraper implements AutoCloseable {
  /** The file's name in the run folder. */
  public static final String FILE_NAME = "server-metrics.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

  private final List<URI> urls;
  private final HttpClient client;
  private final Optional<String> authorization;
  private final URI keyedServer;
  private final Duration timeout;
  private final LongSupplier originNanos;
  private final Consumer<String> notices;
  private final Path file;
  private final BufferedWriter writer;
  private final List<ServerSample> samples = new ArrayList<>();
  private final List<ServerSample> unwritten = new ArrayList<>();
  private final ScheduledExecutorService thread;
  private final Duration interval;
  private final AtomicBoolean baselineRequested = new AtomicBoolean();
  private volatile boolean baselineTaken;
  private long failures;
  private boolean closed;

  private ServerMetricsScraper(
      List<URI> urls,
      HttpClient client,
      Optional<String> authorization,
      URI keyedServer,
      Duration interval,
      LongSupplier originNanos,
      Consumer<String> notices,
      Path file)
      throws IOException {
    this.urls = List.copyOf(urls);
    this.client = client;
    this.authorization = authorization;
    this.keyedServer = keyedServer;
    this.interval = interval;
    this.timeout = interval.compareTo(LONGEST_WAIT) < 0 ? LONGEST_WAIT : interval;
    this.originNanos = originNanos;
    this.notices = notices;
    this.file = file;
    this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "server-metrics");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Probes the setting's URLs once and starts scraping them.
   *
   * @param apiBase the run's apiBase: auto's URL is its server root, and only its own server is
   *     sent the API key
   * @param originNanos the measured phase's first send; {@code Long.MAX_VALUE} until it happened
   * @param file where the lines go while the run lasts
   * @param out where auto says once that it found no metrics
   * @return empty when the setting is off, or auto found no Prometheus metrics
   * @throws ServerMetricsException when a URL given explicitly does not answer in the format
   */
  public static Optional<ServerMetricsScraper> start(
      ServerMetricsSetting setting,
      URI apiBase,
      ApiKey apiKey,
      SSLContext tls,
      LongSupplier originNanos,
      Consumer<String> notices,
      Path file,
      Consumer<String> out)
      throws IOException {
    List<URI> urls = setting.targets(apiBase);
    if (urls.isEmpty()) {
      return Optional.empty();
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(LONGEST_WAIT)
            .sslContext(tls)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    Optional<String> authorization =
        apiKey.reveal().isEmpty() ? Optional.empty() : Optional.of("Bearer " + apiKey.reveal());
    ServerMetricsScraper scraper =
        new ServerMetricsScraper(
            urls, client, authorization, apiBase, setting.interval(), originNanos, notices, file);
    try {
      scraper.firstSample();
    } catch (ServerMetricsException e) {
      scraper.abandon();
      if (setting.mode() == ServerMetricsSetting.Mode.AUTO) {
        out.accept(
            "Server metrics: off, "
                + e.getMessage()
                + " (-DserverMetrics=URL names another, -DserverMetrics=off skips the probe)");
        return Optional.empty();
      }
      throw e;
    }
    out.accept(
        "Server metrics: scraping "
            + String.join(", ", urls.stream().map(ServerMetricsSetting::shown).toList())
            + " every "
            + describe(setting.interval()));
    long period = setting.interval().toNanos();
    // at a fixed rate: a slow answer delays the next scrape, never shifts all later ones
    scraper.thread.scheduleAtFixedRate(scraper::scheduled, period, period, TimeUnit.NANOSECONDS);
    return Optional.of(scraper);
  }

  private static String describe(Duration interval) {
    return interval.toMillis() % 1000 == 0
        ? interval.toSeconds() + " s"
        : interval.toMillis() + " ms";
  }

  /**
   * Asks once for a sample now, on the scraper's thread, and says whether it is still to come: true
   * until it has been taken (or has failed). The run's users wait on it after the warmup, so that
   * the sample before the measured phase's first send comes after every warmup answer and the
   * server's counter deltas cover the measured requests alone.
   */
  public boolean awaitingBaseline() {
    if (baselineTaken) {
      return false;
    }
    if (baselineRequested.compareAndSet(false, true)) {
      try {
        thread.execute(
            () -> {
              try {
                scheduled();
              } finally {
                baselineTaken = true;
              }
            });
      } catch (RejectedExecutionException e) {
        baselineTaken = true; // closed already: nothing to wait for
      }
    }
    return !baselineTaken;
  }

  /** Every sample taken so far, in order. */
  public synchronized List<ServerSample> samples() {
    return List.copyOf(samples);
  }

  /** Scrapes that failed (no answer, an error status, not the format) and were left out. */
  public synchronized long failures() {
    return failures;
  }

  /** The time between two scrapes. */
  public Duration interval() {
    return interval;
  }

  /** The lines' file while it is written; move it once closed. */
  public Path file() {
    return file;
  }

  /**
   * Stops the thread, takes the last sample (after every request of the run), and writes every line
   * still held. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    // not shutdownNow: an interrupted scrape would count as a failure; one under way ends within
    // its timeout
    thread.shutdown();
    try {
      thread.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      record(scrape());
    } catch (ServerMetricsException e) {
      failed(e);
    }
    synchronized (this) {
      closed = true;
      flush(true);
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void abandon() throws IOException {
    thread.shutdownNow();
    writer.close();
    Files.deleteIfExists(file);
  }

  private void firstSample() throws ServerMetricsException {
    record(scrape());
  }

  private void scheduled() {
    try {
      record(scrape());
    } catch (ServerMetricsException e) {
      failed(e);
    } catch (RuntimeException e) {
      // the thread must go on: a surprise costs one sample, never the run
      failed(new ServerMetricsException(e.toString()));
    }
  }

  private synchronized void failed(ServerMetricsException e) {
    failures++;
    if (failures == 1) {
      notices.accept("Server metrics: a scrape failed and was left out: " + e.getMessage());
    }
  }

  private ServerSample scrape() throws ServerMetricsException {
    List<Map.Entry<String, PrometheusScrape>> sources = new ArrayList<>();
    for (URI url : urls) {
      String label = url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
      sources.add(new AbstractMap.SimpleEntry<>(label, fetch(url)));
    }
    return ServerSample.of(System.nanoTime(), sources);
  }

  private PrometheusScrape fetch(URI url) throws ServerMetricsException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    // the key goes only to the server it was given for
    if (authorization.isPresent() && ServerMetricsSetting.sameServer(url, keyedServer)) {
      request.header("Authorization", authorization.get());
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ServerMetricsException(shown(url) + " did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerMetricsException(shown(url) + ": interrupted");
    }
    if (response.statusCode() != 200) {
      throw new ServerMetricsException(shown(url) + " answered HTTP " + response.statusCode());
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (contentType.startsWith("application/json") || contentType.startsWith("text/html")) {
      throw new ServerMetricsException(
          shown(url) + " answered " + contentType + ", not the Prometheus text format");
    }
    PrometheusScrape scrape;
    try {
      scrape = PrometheusText.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new ServerMetricsException(
          shown(url) + " is not Prometheus text format: " + e.getMessage());
    }
    if (scrape.samples().isEmpty()) {
      throw new ServerMetricsException(shown(url) + " answered no Prometheus samples");
    }
    return scrape;
  }

  private static String shown(URI url) {
    return ServerMetricsSetting.shown(url);
  }

  private synchronized void record(ServerSample sample) {
    if (closed) {
      return;
    }
    samples.add(sample);
    unwritten.add(sample);
    flush(false);
  }

  /** Writes the held lines once the origin is known, or all of them at the end regardless. */
  private void flush(boolean atEnd) {
    long origin = originNanos.getAsLong();
    if (origin == Long.MAX_VALUE && !atEnd) {
      return;
    }
    try {
      for (ServerSample sample : unwritten) {
        writer.write(JSON.writeValueAsString(line(sample, origin)));
        writer.newLine();
      }
      writer.flush();
    } catch (IOException e) {
      notices.accept("server-metrics.jsonl could not be written: " + e.getMessage());
    }
    unwritten.clear();
  }

  private static ObjectNode line(ServerSample sample, long origin) {
    ObjectNode line = JSON.createObjectNode();
    if (origin == Long.MAX_VALUE) {
      line.putNull("offset_s");
    } else {
      line.put("offset_s", Math.round((sample.nanos() - origin) / 1e6) / 1e3);
    }
    sample.mapped().forEach(line::put);
    ObjectNode buckets = line.putObject("ttft_buckets");
    sample
        .ttftBuckets()
        .forEach((le, count) -> buckets.put(le.isInfinite() ? "+Inf" : Double.toString(le), count));
    ObjectNode raw = line.putObject("raw");
    sample.raw().forEach((series, value) -> raw.put(series, value));
    return line;
  }
}
