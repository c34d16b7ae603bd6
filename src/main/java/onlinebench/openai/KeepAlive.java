package onlinebench.openai;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What a server's {@code Keep-Alive} response header promises about the connection it answered on:
 * how long it keeps the connection open while idle, and how many requests it serves on it.
 *
 * <p>llama.cpp's {@code llama-server} sends {@code Keep-Alive: timeout=5, max=100} (transcript
 * {@code shared/wire/llama.cpp/chat-stream.txt}); its HTTP library writes {@code max} as the
 * connection's whole request budget, a constant, and says {@code Connection: close} on the last
 * answer (cpp-httplib's {@code Server::write_response}, vendored in ggml-org/llama.cpp).
 *
 * @param timeoutSeconds {@code timeout=N}: the server closes the connection after N idle seconds
 * @param maxRequests {@code max=M}: the server serves at most M requests on the connection
 */
public record KeepAlive(OptionalInt timeoutSeconds, OptionalInt maxRequests) {
  private static final KeepAlive NONE = new KeepAlive(OptionalInt.empty(), OptionalInt.empty());

  /**
   * Reads the header's {@code timeout} and {@code max} parameters (RFC 7230 token=value pairs,
   * comma separated); a missing, unknown or malformed parameter is left out, never guessed.
   */
  public static KeepAlive parse(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return NONE;
    }
    OptionalInt timeout = OptionalInt.empty();
    OptionalInt max = OptionalInt.empty();
    for (String part : header.split(",")) {
      int equals = part.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = part.substring(0, equals).strip();
      OptionalInt value = positive(part.substring(equals + 1).strip());
      if (name.equalsIgnoreCase("timeout")) {
        timeout = value;
      } else if (name.equalsIgnoreCase("max")) {
        max = value;
      }
    }
    return new KeepAlive(timeout, max);
  }

  private static OptionalInt positive(String value) {
    try {
      int n = Integer.parseInt(value);
      return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /**
   * How long an idle connection may still be reused, in milliseconds: a second short of the
   * server's timeout (half of it for a timeout of a second), so a request is not written into a
   * connection the server is closing at that moment. Empty when the server named no timeout.
   */
  public OptionalInt reuseWindowMillis() {
    if (timeoutSeconds.isEmpty()) {
      return OptionalInt.empty();
    }
    int millis = timeoutSeconds.getAsInt() * 1000;
    return OptionalInt.of(Math.max(millis / 2, millis - 1000));
  }

  /** True when a connection that has carried {@code exchanges} requests must not carry another. */
  public boolean exhaustedAfter(int exchanges) {
    return maxRequests.isPresent() && exchanges >= maxRequests.getAsInt();
  }
}
