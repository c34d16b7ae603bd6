package onlinebench.report;

import java.util.EnumSet;
import java.util.Set;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;

/**
 * Tells the user, once per error kind, the first failure of that kind with what the server or the
 * client said (already masked), so a failing run explains itself while it runs.
 */
public final class FirstFailures {
  private final ConsoleNotices notices;
  private final Set<ErrorKind> seen = EnumSet.noneOf(ErrorKind.class);

  public FirstFailures(ConsoleNotices notices) {
    this.notices = notices;
  }

  /** Looks at a finished request; announces it if it is the first failure of its kind. */
  public void observe(RequestRecord record) {
    if (record.error().isEmpty()) {
      return;
    }
    ErrorKind kind = record.error().get();
    synchronized (seen) {
      if (!seen.add(kind)) {
        return;
      }
    }
    notices.add("First " + kind.key() + " failure: " + record.errorMessage());
  }
}
