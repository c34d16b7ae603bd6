package onlinebench.simulator;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A failure the simulator injects into a valid chat request ({@code sim.faults}), like
 * MockWebServer's {@code SocketPolicy}. Each is named in the property and in the truth log by
 * {@link #kind()}.
 */
public enum Fault {
  /** 500 with OpenAI's {@code server_error} body, at once. */
  SERVER_ERROR("500"),
  /** 503 with OpenAI's overloaded {@code server_error} body, at once. */
  UNAVAILABLE("503"),
  /** 429 with {@code Retry-After: 1} and OpenAI's {@code rate_limit_exceeded} body, at once. */
  RATE_LIMITED("429"),
  /** The connection is reset (SO_LINGER 0, then close) before any response byte. */
  RESET("reset"),
  /**
   * Streaming: headers and the first {@code floor(n / 2)} token events, then the connection closes
   * without finish chunk or {@code [DONE]}. Non-streaming: headers with the full Content-Length and
   * the first half of the body's bytes, then the connection closes.
   */
  CUT("cut"),
  /**
   * Streaming: token event {@code floor(n / 2)} carries invalid JSON (its chunk without the closing
   * brace); every other event, the finish, usage and {@code [DONE]} follow normally. Non-streaming:
   * a 200 whose body is the completion without its closing brace.
   */
  MALFORMED("malformed"),
  /**
   * No response at all: the connection is held open until the client closes it, or closed by the
   * server after ten minutes.
   */
  STALL("stall"),
  /**
   * Starts normally (headers, first token at the usual time) but every later token interval is
   * {@code 1000 x max(itl, 1 ms)}: slower than any client timeout used in tests.
   */
  SLOW("slow"),
  /** A normal response without any {@code usage} object, even when include_usage was asked. */
  NO_USAGE("nousage");

  private final String kind;

  Fault(String kind) {
    this.kind = kind;
  }

  /** The spelling in {@code sim.faults} and in the truth log's {@code fault} field. */
  public String kind() {
    return kind;
  }

  static @Nullable Fault fromKind(String kind) {
    String wanted = kind.trim().toLowerCase(Locale.ROOT);
    for (Fault f : values()) {
      if (f.kind.equals(wanted)) {
        return f;
      }
    }
    return null;
  }
}
