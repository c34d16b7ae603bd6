package onlinebench.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which server certificates an {@code https://} apiBase may present: {@code system} (the JDK's
 * trusted authorities, the default), {@code all} (any certificate, like {@code curl -k}; for
 * self-signed test servers), or a PEM file of certificates to trust.
 *
 * @param trustAll whether any certificate is accepted
 * @param certificates a PEM file of trusted certificates, instead of the system's
 */
public record TlsTrust(boolean trustAll, Optional<Path> certificates) {
  public static final TlsTrust SYSTEM = new TlsTrust(false, Optional.empty());
  public static final TlsTrust ALL = new TlsTrust(true, Optional.empty());

  public static TlsTrust pemFile(Path file) {
    return new TlsTrust(false, Optional.of(file));
  }

  /** How it reads in the configuration echo. */
  public String describe() {
    return trustAll ? "all" : certificates.map(Path::toString).orElse("system");
  }
}
