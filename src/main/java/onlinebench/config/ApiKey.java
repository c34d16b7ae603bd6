package onlinebench.config;

import java.util.Objects;

/**
 * A bearer token. Its {@link #toString()} is masked so that no record, log line or report that
 * happens to include it can show it in full; only {@link #reveal()} gives the secret, for the
 * Authorization header.
 */
public final class ApiKey {
  private static final int SHORTEST_PARTLY_SHOWN = 12;
  private final String secret;

  private ApiKey(String secret) {
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  public static ApiKey of(String secret) {
    return new ApiKey(secret);
  }

  /** The secret itself; only for the request header. */
  public String reveal() {
    return secret;
  }

  /**
   * At most the first 3 and the last 2 characters; only stars for keys shorter than 12 characters,
   * where 5 shown characters would give too much away.
   */
  public String masked() {
    if (secret.length() < SHORTEST_PARTLY_SHOWN) {
      return "*".repeat(Math.max(secret.length(), 3));
    }
    return secret.substring(0, 3) + "****" + secret.substring(secret.length() - 2);
  }

  /** Masks the key in any text, e.g. a server's error message that echoes it. */
  public String maskIn(String text) {
    if (text == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, masked());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key && key.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return secret.hashCode();
  }

  @Override
  public String toString() {
    return masked();
  }
}
