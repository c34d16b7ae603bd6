package onlinebench.openai;

/** A response that is not what the OpenAI API promises; its message says what was wrong. */
public final class BadResponseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadResponseException(String message) {
    super(message, null, false, false);
  }
}
