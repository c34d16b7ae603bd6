package onlinebench.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code User-Agent} every request of ours carries: this tool's name and version, so a server's
 * access log tells benchmark traffic from real users'.
 */
public final class UserAgent {
  /** {@code online-bench-openai/<version>}, the version written into the build by Maven. */
  public static final String VALUE = "online-bench-openai/" + version();

  private UserAgent() {}

  private static String version() {
    try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
