package onlinebench.load;

/**
 * Tells the users of a run to send no more measured requests (an early stop, see {@code
 * -DstopOnErrors}); set once, read by every user before each send. The requests already in flight
 * are not touched: they finish, or time out, and are counted. Thread-safe; a read is one volatile
 * load.
 */
public final class StopSignal {
  private static final StopSignal NEVER = new StopSignal(false);

  private final boolean armed;
  private volatile boolean stopped;

  private StopSignal(boolean armed) {
    this.armed = armed;
  }

  /** A signal that may be given once during the run. */
  public static StopSignal armed() {
    return new StopSignal(true);
  }

  /** A signal for a run nothing stops early: never given, and waits need not watch it. */
  public static StopSignal never() {
    return NEVER;
  }

  /**
   * True when the signal may ever be given, so that a user waiting for a later send time should
   * look at it now and then instead of only when its wait ends.
   */
  public boolean isArmed() {
    return armed;
  }

  /** Stops the sending; idempotent. */
  public void stop() {
    if (!armed) {
      throw new IllegalStateException("this run cannot be stopped early");
    }
    stopped = true;
  }

  /** True once {@link #stop()} was called. */
  public boolean stopped() {
    return stopped;
  }
}
