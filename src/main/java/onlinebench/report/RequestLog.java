package onlinebench.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongSupplier;
import onlinebench.record.LatencyMetric;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;

/**
 * requests.jsonl: one line per measured request, written by one background thread as requests
 * finish, so the event loops never wait on the disk and nothing is held per request beyond a
 * bounded queue.
 *
 * <p>A line: {@code
 * {"start_offset_ms":..,"intended_offset_ms":..,"e2el_ms":..,"ttft_ms":..,"ttfo_ms":..,"tpot_ms":..,
 * "prompt_tokens":..,"output_tokens":..,"reasoning_tokens":..,"cached_tokens":..,"turn":..,
 * "status":..,"error":.., "request_id":..,"connection_retried":.., "token_times_ms":[..]}}; offsets
 * from the first measured send ({@code intended_offset_ms}: when the open model's schedule meant it
 * to be sent; equal to start_offset_ms in the closed model); absent figures are null. {@code
 * request_id} is the server's {@code x-request-id}; {@code token_times_ms}, streamed requests only,
 * is the arrival of every token-carrying chunk in ms from the request's start (microsecond
 * resolution), so TTFT and every ITL can be compared with the server's own log. {@code
 * connection_retried} is true for a request sent once more on a fresh connection. {@code ttfo_ms}
 * is the first answer token (equal to ttft_ms without reasoning), {@code reasoning_tokens} the
 * request's reasoning tokens (the server's count, else its reasoning chunks; null when neither
 * exists), {@code cached_tokens} the server's {@code usage.prompt_tokens_details.cached_tokens}
 * (null when it sent none), {@code turn} the request's turn in its session (null outside a session
 * workload). A user-written Simulation's lines start with {@code "request_name"}, the chat action's
 * name.
 */
public final class RequestLog implements AutoCloseable {
  /** The file name, written in Gatling's run folder. */
  public static final String FILE_NAME = "requests.jsonl";

  private static final int QUEUE = 65_536;
  private static final Line END =
      new Line(null, RequestRecord.completed(0, 0, OptionalLong.empty(), OptionalLong.empty()));

  /** One queued line: a user-written Simulation's requests carry their request name. */
  private record Line(@Nullable String requestName, RequestRecord record) {}

  private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE);
  private final LongSupplier originNanos;
  private final Path file;
  private final Thread writer;
  private volatile IOException failure;
  private long origin = Long.MIN_VALUE; // the writer thread's alone

  private RequestLog(Path file, LongSupplier originNanos) {
    this.file = file;
    this.originNanos = originNanos;
    this.writer = new Thread(this::drain, "llm-request-log");
    writer.setDaemon(true);
  }

  /**
   * Opens the file (truncating it) and starts the writer thread.
   *
   * @param originNanos the first measured send, the zero of {@code start_offset_ms}
   */
  public static RequestLog open(Path file, LongSupplier originNanos) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    Files.createFile(file);
    RequestLog log = new RequestLog(file, originNanos);
    log.writer.start();
    return log;
  }

  public Path file() {
    return file;
  }

  /** Queues one finished request; waits only if the writer is 65,536 lines behind. */
  public void append(RequestRecord record) {
    put(new Line(null, record));
  }

  /**
   * Queues one finished request of a user-written Simulation: its line starts with {@code
   * "request_name"}, the chat action's name.
   */
  public void append(String requestName, RequestRecord record) {
    put(new Line(requestName, record));
  }

  private void put(Line line) {
    try {
      queue.put(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.setRootValueSeparator(null);
      while (true) {
        Line line = queue.take();
        if (line == END) {
          break;
        }
        write(json, line.requestName(), line.record());
        json.flush();
        out.write('\n');
        if (queue.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The latencies a single request has a value of: each is a {@code <key>_ms} field. */
  private static final List<LatencyMetric> PER_REQUEST =
      Arrays.stream(LatencyMetric.values()).filter(LatencyMetric::hasPerRequestValue).toList();

  private void write(JsonGenerator json, @Nullable String requestName, RequestRecord r)
      throws IOException {
    json.writeStartObject();
    if (requestName != null) {
      json.writeStringField("request_name", requestName);
    }
    if (origin == Long.MIN_VALUE) {
      // fixed at the first line: the recorder's first send can still move earlier if a send that
      // read the clock first reports itself later, which would shift later lines against earlier
      origin = originNanos.getAsLong();
    }
    json.writeNumberField("start_offset_ms", (r.startNanos() - origin) / 1e6);
    json.writeNumberField("intended_offset_ms", (r.intendedStartNanos() - origin) / 1e6);
    for (LatencyMetric metric : PER_REQUEST) {
      writeMillis(json, metric.key() + "_ms", metric.perRequest(r));
    }
    json.writeFieldName("prompt_tokens");
    if (r.promptTokens().isPresent()) {
      json.writeNumber(r.promptTokens().getAsLong());
    } else {
      json.writeNull();
    }
    json.writeFieldName("output_tokens");
    if (r.outputTokens().isPresent()) {
      json.writeNumber(r.outputTokens().getAsLong());
    } else {
      json.writeNull();
    }
    json.writeFieldName("reasoning_tokens");
    if (r.reasoningTokenCount().isPresent()) {
      json.writeNumber(r.reasoningTokenCount().getAsLong());
    } else {
      json.writeNull();
    }
    json.writeFieldName("cached_tokens");
    if (r.cachedTokens().isPresent()) {
      json.writeNumber(r.cachedTokens().getAsLong());
    } else {
      json.writeNull();
    }
    json.writeFieldName("turn");
    if (r.turn() > 0) {
      json.writeNumber(r.turn());
    } else {
      json.writeNull();
    }
    json.writeNumberField("status", r.httpStatus());
    json.writeStringField("error", r.error().map(k -> k.key()).orElse(null));
    json.writeStringField("request_id", r.requestId().orElse(null));
    json.writeBooleanField("connection_retried", r.connectionRetried());
    long[] tokens = r.tokenChunkNanos();
    if (tokens.length > 0) {
      json.writeArrayFieldStart("token_times_ms");
      for (long arrival : tokens) {
        json.writeNumber(Math.round((arrival - r.startNanos()) / 1e3) / 1e3);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeMillis(JsonGenerator json, String field, OptionalLong nanos)
      throws IOException {
    json.writeFieldName(field);
    if (nanos.isPresent()) {
      json.writeNumber(nanos.getAsLong() / 1e6);
    } else {
      json.writeNull();
    }
  }

  /**
   * Writes what is queued, closes the file and moves it into the run folder when there is one;
   * prints one line naming where it landed, or why it could not be written.
   */
  public void closeInto(Optional<Path> folder, PrintStream out) {
    OutputFile.write(
        out,
        "Per-request log",
        FILE_NAME,
        folder.orElse(file.toAbsolutePath().getParent()),
        () -> {
          close();
          return OutputFile.moveInto(file, FILE_NAME, folder);
        });
  }

  /**
   * Closes the log and deletes its file: the log of requests that are not the run's (a
   * self-warmup), or of a run that measured nothing. A file that cannot be deleted is left: it
   * holds no figure.
   */
  public void discard() {
    close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.err.println("Warning: " + file + " could not be deleted: " + e.getMessage());
    }
  }

  /** Writes what is queued and closes the file. */
  @Override
  public void close() {
    put(END);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw new UncheckedIOException("requests.jsonl could not be written", failure);
    }
  }
}
