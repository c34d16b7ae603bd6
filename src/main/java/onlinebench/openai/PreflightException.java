package onlinebench.openai;

/** The preflight probe found that the run cannot work; the message is one line for the user. */
public final class PreflightException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PreflightException(String message) {
    super(message, null, false, false);
  }
}
