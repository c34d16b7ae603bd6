package onlinebench.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ground-truth JSONL file ({@code sim.truthLog}): one {@link TruthRecord} per line.
 *
 * <p>Event loops only enqueue; one background thread serialises and writes, so disk latency never
 * delays a token. The file is flushed whenever the queue runs empty and closed by {@link #close()},
 * after every record enqueued before it.
 */
final class TruthLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TruthLog.class);
  private static final TruthRecord STOP = TruthRecord.error("stop", 0, 0, 0, null);
  private static final TruthLog DISABLED = new TruthLog(null, null);

  private final @Nullable Path path;
  private final @Nullable BufferedWriter writer;
  private final BlockingQueue<TruthRecord> queue = new LinkedBlockingQueue<>();
  private final @Nullable Thread thread;
  private volatile boolean failed;

  private TruthLog(@Nullable Path path, @Nullable BufferedWriter writer) {
    this.path = path;
    this.writer = writer;
    if (writer == null) {
      this.thread = null;
    } else {
      this.thread = new Thread(this::writeUntilStopped, "sim-truth-log");
      this.thread.setDaemon(true);
      this.thread.start();
    }
  }

  static TruthLog disabled() {
    return DISABLED;
  }

  /** Creates or truncates the file; fails now, before the server accepts requests, if it cannot. */
  static TruthLog open(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new TruthLog(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
  }

  /** Whether records are kept; callers skip collecting chunk times when not. */
  boolean enabled() {
    return writer != null && !failed;
  }

  /** Never blocks: the queue is unbounded and the write happens on the log's own thread. */
  void record(TruthRecord record) {
    if (enabled()) {
      queue.add(record);
    }
  }

  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    queue.add(STOP);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("Truth log {} still writing after 10 s; the file may be incomplete", path);
    }
  }

  private void writeUntilStopped() {
    BufferedWriter out = writer;
    try (out) {
      while (true) {
        TruthRecord record = queue.poll();
        if (record == null) {
          out.flush();
          record = queue.take();
        }
        if (record == STOP) {
          return;
        }
        out.write(Json.MAPPER.writeValueAsString(record));
        out.write('\n');
      }
    } catch (IOException e) {
      failed = true;
      queue.clear();
      LOG.warn("Truth log {} failed and is no longer written: {}", path, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
