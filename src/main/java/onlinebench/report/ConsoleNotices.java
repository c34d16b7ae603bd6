package onlinebench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Lines to show the user during a run (the first failure of each kind, warnings). Event loops only
 * queue them; the progress printer prints them between its own lines, so they never break the
 * progress line that a terminal rewrites in place.
 */
public final class ConsoleNotices {
  private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

  public void add(String line) {
    pending.add(line);
  }

  /** Takes every queued line, oldest first. */
  List<String> drain() {
    List<String> lines = new ArrayList<>();
    for (String line = pending.poll(); line != null; line = pending.poll()) {
      lines.add(line);
    }
    return lines;
  }
}
