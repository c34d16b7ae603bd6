package onlinebench.gatling;

import io.gatling.http.client.impl.RequestTimeoutException;
import onlinebench.record.ErrorKind;

/** Sorts the HTTP engine's transport failures into our error kinds. */
final class FailureClassifier {
  private FailureClassifier() {}

  /**
   * {@link ErrorKind#TIMEOUT} for Gatling's request timeout, else {@link ErrorKind#CONNECTION};
   * {@link onlinebench.openai.ChatResponseReader} refines a connection lost mid-answer.
   */
  static ErrorKind kindOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RequestTimeoutException) {
        return ErrorKind.TIMEOUT;
      }
    }
    return ErrorKind.CONNECTION;
  }

  /** One line: the exception's simple name and message. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message.strip();
  }
}
