package onlinebench.report;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import onlinebench.config.ProgressMode;
import onlinebench.metrics.RunRecorder;

/**
 * Prints the progress line about once a second, rewriting it in place on a terminal, or as a plain
 * line at most every 5 seconds otherwise (CI logs), from one daemon thread.
 */
public final class ProgressPrinter implements AutoCloseable {
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

  private final RunRecorder recorder;
  private final long total;
  private final boolean stream;
  private final boolean inPlace;
  private final boolean enabled;
  private final PrintStream out;
  private final ScheduledExecutorService timer;
  private long lastPlainNanos;
  private int lastWidth;

  private ProgressPrinter(
      RunRecorder recorder,
      long total,
      boolean stream,
      boolean inPlace,
      boolean enabled,
      PrintStream out) {
    this.recorder = recorder;
    this.enabled = enabled;
    this.total = total;
    this.stream = stream;
    this.inPlace = inPlace;
    this.out = out;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "llm-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts printing; {@link ProgressMode#OFF} prints nothing. */
  public static ProgressPrinter start(
      RunRecorder recorder, long total, boolean stream, ProgressMode mode, PrintStream out) {
    boolean inPlace =
        mode == ProgressMode.TTY || (mode == ProgressMode.AUTO && System.console() != null);
    boolean enabled = mode != ProgressMode.OFF;
    ProgressPrinter printer = new ProgressPrinter(recorder, total, stream, inPlace, enabled, out);
    if (enabled) {
      printer.lastPlainNanos = System.nanoTime();
      printer.timer.scheduleAtFixedRate(printer::tick, 1, 1, TimeUnit.SECONDS);
    }
    return printer;
  }

  private synchronized void tick() {
    long now = System.nanoTime();
    if (!inPlace && now - lastPlainNanos < PLAIN_EVERY_NANOS) {
      return;
    }
    lastPlainNanos = now;
    print(ProgressLine.format(recorder.progress(now), total, stream), false);
  }

  private void print(String line, boolean last) {
    if (inPlace) {
      String padded =
          line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
      lastWidth = line.length();
      out.print("\r" + padded + (last ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Stops the timer and prints the final state once. */
  @Override
  public synchronized void close() {
    if (timer.isShutdown()) {
      return;
    }
    timer.shutdownNow();
    if (enabled) {
      print(ProgressLine.format(recorder.progress(System.nanoTime()), total, stream), true);
    }
  }
}
