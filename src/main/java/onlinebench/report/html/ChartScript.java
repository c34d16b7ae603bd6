package onlinebench.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Chart.js, from its WebJar on the classpath (Maven Central, MIT licence), copied beside the page
 * so llm.html opens offline: no CDN.
 */
final class ChartScript {
  /** The file name the page loads, beside llm.html. */
  static final String FILE_NAME = "llm-chart.umd.js";

  private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";
  private static final String POM_PROPERTIES =
      "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private ChartScript() {}

  /** The WebJar's version, read from its own pom.properties so the pom's property rules. */
  static String version() throws IOException {
    Properties pom = new Properties();
    try (InputStream in = open(POM_PROPERTIES)) {
      pom.load(in);
    }
    return pom.getProperty("version");
  }

  /** Copies chart.umd.js into {@code folder} and returns its path. */
  static Path copyInto(Path folder) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    try (InputStream in = open(WEBJAR + version() + "/dist/chart.umd.js")) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = ChartScript.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(resource + " is not on the classpath (org.webjars.npm:chart.js)");
    }
    return in;
  }
}
