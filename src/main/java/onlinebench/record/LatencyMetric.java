package onlinebench.record;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * The latencies measured on every successful request, each defined once: its name everywhere, how
 * its values are read from a {@link RequestRecord}, and whether it exists without streaming. Every
 * output iterates these (recorder, summary, console, summary.json/csv, histograms.json, sweep
 * tables, llm.html, the SLO grammar, compare, merge), so a latency added here appears in all of
 * them; {@code docs/architecture.md} lists the few other places a new one needs.
 *
 * <p>Every latency is better lower. The order of the constants is the order of every output.
 */
public enum LatencyMetric {
  /** End-to-end latency: request written to its last byte (or last token chunk) read. */
  E2EL("e2el", "E2E", "E2E: end-to-end latency", false) {
    @Override
    public OptionalLong perRequest(RequestRecord r) {
      return OptionalLong.of(Math.max(0, r.e2eNanos()));
    }
  },
  /** Time to first token: request written to the first chunk that carries generated text. */
  TTFT("ttft", "TTFT", "TTFT: time to first token", true) {
    @Override
    public OptionalLong perRequest(RequestRecord r) {
      return r.timeToFirstTokenNanos();
    }
  },
  /**
   * Time to first output: request written to the first chunk that carries answer text, after any
   * reasoning (GuideLLM's and AIPerf's time to first output token); the same as TTFT for a model
   * that does not reason first.
   */
  TTFO("ttfo", "TTFO", "TTFO: time to first answer token", true) {
    @Override
    public OptionalLong perRequest(RequestRecord r) {
      return r.timeToFirstAnswerNanos();
    }
  },
  /**
   * Time per output token: (e2el − ttft) / (output tokens − 1), requests with 2+ output tokens; a
   * request with one token has none (vLLM's definition).
   */
  TPOT("tpot", "TPOT", "TPOT: time per output token", true) {
    @Override
    public OptionalLong perRequest(RequestRecord r) {
      return r.timePerOutputTokenNanos();
    }

    @Override
    public OptionalLong perRequestForSlo(RequestRecord r) {
      // vLLM's goodput counts a one-token request's TPOT as 0, though its distribution skips it
      return OptionalLong.of(r.timePerOutputTokenNanos().orElse(0));
    }
  },
  /**
   * Inter-token latency: each gap between consecutive token-carrying chunks, pooled over every
   * request (many values per request, so no per-request value of its own).
   */
  ITL("itl", "ITL", "ITL: inter-token latency", true) {
    @Override
    public OptionalLong perRequest(RequestRecord r) {
      return OptionalLong.empty();
    }

    @Override
    public boolean hasPerRequestValue() {
      return false;
    }

    @Override
    public void values(RequestRecord r, LongConsumer nanos) {
      long[] chunks = r.tokenChunkNanos();
      for (int i = 1; i < chunks.length; i++) {
        nanos.accept(Math.max(0, chunks[i] - chunks[i - 1]));
      }
    }
  };

  private final String key;
  private final String label;
  private final String title;
  private final boolean streamingOnly;

  LatencyMetric(String key, String label, String title, boolean streamingOnly) {
    this.key = key;
    this.label = label;
    this.title = title;
    this.streamingOnly = streamingOnly;
  }

  /**
   * The metric's word in every file and in {@code -Dslo}: {@code ttft} in {@code p99_ttft_ms},
   * histograms.json, llm.html's data and {@code ttft.p99<500ms}.
   */
  public String key() {
    return key;
  }

  /** Its short name in the console and table headings, e.g. {@code TTFT}. */
  public String label() {
    return label;
  }

  /** Its name spelled out, for chart titles, e.g. {@code TTFT: time to first token}. */
  public String title() {
    return title;
  }

  /** True when the metric exists only for streamed requests (the chunks time it). */
  public boolean streamingOnly() {
    return streamingOnly;
  }

  /**
   * Its one value for a request, in nanoseconds; empty when the request has none. For a metric
   * without a per-request value ({@link #hasPerRequestValue()} false) always empty.
   */
  public abstract OptionalLong perRequest(RequestRecord r);

  /**
   * The value a per-request SLO clause ({@code tpot<50ms}) tests; empty makes the request not good.
   * The same as {@link #perRequest} except where vLLM's goodput reads it differently.
   */
  public OptionalLong perRequestForSlo(RequestRecord r) {
    return perRequest(r);
  }

  /** True when each request has one value of it, so a per-request SLO clause can name it. */
  public boolean hasPerRequestValue() {
    return true;
  }

  /** Hands every value the request contributes to the metric's distribution, in nanoseconds. */
  public void values(RequestRecord r, LongConsumer nanos) {
    perRequest(r).ifPresent(nanos);
  }

  /** The metric whose {@link #key()} this is. */
  public static Optional<LatencyMetric> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }
}
