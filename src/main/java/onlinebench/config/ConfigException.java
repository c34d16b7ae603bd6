package onlinebench.config;

/**
 * A user's input that cannot be accepted. Its message is one line that names the property, the
 * value and what is accepted, and is meant to be printed as it is.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
