package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MavenForkPropertiesTest {
  private static final String MARKER = "-Donlinebench.launcher=gatling-maven-plugin:4.21.12";

  private final Properties properties = new Properties();
  private final List<String> options = new ArrayList<>();

  /** One option on the command line, and the property the JVM made of it. */
  private void option(String name, String value) {
    options.add("-D" + name + "=" + value);
    properties.setProperty(name, value);
  }

  private MavenForkProperties.Restoration restore() {
    return MavenForkProperties.restore(options, "", properties, false);
  }

  @Test
  void decodesTheOptionsThePluginAppendsAfterTheMarker() {
    options.add("-Xmx1G");
    option("fromPom", "C:\\temp");
    options.add(MARKER);
    option("extraBody", "{\\\"ignore_eos\\\":true}");
    option("slo", "ttft.p95<500ms,errors<1%");
    option("path", "C:\\\\temp");

    MavenForkProperties.Restoration r = restore();

    assertThat(properties.getProperty("extraBody")).isEqualTo("{\"ignore_eos\":true}");
    assertThat(properties.getProperty("path")).isEqualTo("C:\\temp");
    assertThat(properties.getProperty("slo")).isEqualTo("ttft.p95<500ms,errors<1%");
    assertThat(properties.getProperty("fromPom"))
        .as("the pom's own, before the marker")
        .isEqualTo("C:\\temp");
    assertThat(r.restored()).containsExactly("extraBody", "path");
    assertThat(r.warning()).isEmpty();
  }

  @Test
  void leavesEveryValueAloneWithoutTheMarker() {
    option("extraBody", "{\\\"a\\\":1}");
    option("path", "C:\\\\temp");

    MavenForkProperties.Restoration r = restore();

    assertThat(properties.getProperty("extraBody")).isEqualTo("{\\\"a\\\":1}");
    assertThat(properties.getProperty("path")).isEqualTo("C:\\\\temp");
    assertThat(r.restored()).isEmpty();
  }

  @Test
  void onlyWhatFollowsTheLastMarkerIsDecoded() {
    options.add(MARKER);
    option("fromExecution", "C:\\\\x");
    options.add(MARKER);
    option("propagated", "C:\\\\x");

    restore();

    assertThat(properties.getProperty("fromExecution")).isEqualTo("C:\\\\x");
    assertThat(properties.getProperty("propagated")).isEqualTo("C:\\x");
  }

  @Test
  void leavesAPropertyAloneThatNoLongerHoldsTheOptionsText() {
    options.add(MARKER);
    option("dir", "C:\\\\x");
    properties.setProperty("dir", "set since");

    restore();

    assertThat(properties.getProperty("dir")).isEqualTo("set since");
  }

  @Test
  void runningTwiceDecodesOnce() {
    options.add(MARKER);
    option("path", "a\\\\\\\\b");

    restore();
    restore();

    assertThat(properties.getProperty("path")).isEqualTo("a\\\\b");
  }

  @Test
  void leavesTheOptionsOfJavaOptionsAlone() {
    options.add(MARKER);
    option("propagated", "C:\\\\x");
    option("fromEnvironment", "C:\\tmp");

    MavenForkProperties.restore(options, " -DfromEnvironment=C:\\tmp ", properties, false);

    assertThat(properties.getProperty("propagated")).isEqualTo("C:\\x");
    assertThat(properties.getProperty("fromEnvironment")).isEqualTo("C:\\tmp");
  }

  @Test
  void anUncheckedPluginVersionIsWarnedAboutAndLeftAlone() {
    options.add("-Donlinebench.launcher=gatling-maven-plugin:9.0.0");
    option("extraBody", "{\\\"a\\\":1}");

    MavenForkProperties.Restoration r = restore();

    assertThat(properties.getProperty("extraBody")).isEqualTo("{\\\"a\\\":1}");
    assertThat(r.warning())
        .hasValueSatisfying(
            w -> assertThat(w).startsWith("gatling-maven-plugin 9.0.0 ").contains("4.21.12"));
  }

  @Test
  void thePomsMarkerNamesTheCheckedPluginVersion() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));

    assertThat(pom)
        .contains(
            "<jvmArg>-Donlinebench.launcher=gatling-maven-plugin:${gatling-maven-plugin.version}</jvmArg>");
    Matcher version =
        Pattern.compile("<gatling-maven-plugin.version>(.+)</gatling-maven-plugin.version>")
            .matcher(pom);
    assertThat(version.find()).isTrue();
    assertThat(MavenForkProperties.CHECKED_VERSIONS).contains(version.group(1));
  }
}
