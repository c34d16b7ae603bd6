package onlinebench.report;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import onlinebench.config.ProgressMode;

/**
 * Prints the progress line about once a second, rewriting it in place on a terminal, or as a plain
 * line at most every 5 seconds otherwise (CI logs), from one daemon thread; and between those, any
 * {@link ConsoleNotices}, which are printed whatever the mode.
 */
public final class ProgressPrinter implements AutoCloseable {
  private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

  private final LongFunction<String> lines;
  private final ConsoleNotices notices;
  private final ProgressMode mode;
  private final boolean inPlace;
  private final PrintStream out;
  private final ScheduledExecutorService timer;
  private long lastPlainNanos;
  private int lastWidth;

  private ProgressPrinter(
      LongFunction<String> lines, ConsoleNotices notices, ProgressMode mode, PrintStream out) {
    this.lines = lines;
    this.notices = notices;
    this.mode = mode;
    this.inPlace =
        mode == ProgressMode.TTY || (mode == ProgressMode.AUTO && System.console() != null);
    this.out = out;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "llm-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts printing; with {@link ProgressMode#OFF} only notices are printed.
   *
   * @param lines the progress line at a {@link System#nanoTime()} (see {@link ProgressLine})
   */
  public static ProgressPrinter start(
      LongFunction<String> lines, ConsoleNotices notices, ProgressMode mode, PrintStream out) {
    ProgressPrinter printer = new ProgressPrinter(lines, notices, mode, out);
    printer.lastPlainNanos = System.nanoTime();
    printer.timer.scheduleAtFixedRate(printer::tick, 1, 1, TimeUnit.SECONDS);
    return printer;
  }

  private synchronized void tick() {
    printNotices();
    long now = System.nanoTime();
    if (mode == ProgressMode.OFF || (!inPlace && now - lastPlainNanos < PLAIN_EVERY_NANOS)) {
      return;
    }
    lastPlainNanos = now;
    print(lines.apply(now), false);
  }

  private void printNotices() {
    for (String notice : notices.drain()) {
      if (inPlace && lastWidth > 0) {
        out.print("\r" + " ".repeat(lastWidth) + "\r");
        lastWidth = 0;
      }
      out.println(notice);
    }
    out.flush();
  }

  private void print(String line, boolean last) {
    if (inPlace) {
      String padded =
          line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
      lastWidth = last ? 0 : line.length();
      out.print("\r" + padded + (last ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Stops the timer and prints what is pending and the final state once. */
  @Override
  public synchronized void close() {
    if (timer.isShutdown()) {
      return;
    }
    timer.shutdownNow();
    printNotices();
    if (mode != ProgressMode.OFF) {
      print(lines.apply(System.nanoTime()), true);
    }
  }
}
