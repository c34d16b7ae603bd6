package onlinebench.config;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gives back the values the user typed after {@code ./mvnw gatling:test -D...}:
 * gatling-maven-plugin escapes every property it hands to the forked Gatling JVM (a {@code "}
 * arrives as {@code \"}, an {@code é} as {@code \}{@code u00e9}; see {@link PluginEscaping}), so
 * without this {@code -DextraBody='{"ignore_eos":true}'} is refused as not JSON.
 *
 * <p>A value is decoded only when it provably came through that escaping, so a backslash the user
 * meant is never taken for an escape:
 *
 * <ul>
 *   <li>the pom gives the plugin {@value #MARKER_PROPERTY} as its last {@code jvmArg}. The plugin
 *       writes the forked command line as its default JVM options, then the pom's {@code jvmArgs},
 *       then one {@code -Dname=escape(value)} per Maven system property (Fork.run in
 *       gatling/gatling-enterprise-plugin-commons src/main/java/io/gatling/plugin/util/Fork.java).
 *       So exactly the {@code -D} options after the marker are escaped ones; those before it (the
 *       pom's own, JAVA_TOOL_OPTIONS), those of _JAVA_OPTIONS (which the JVM puts last) and every
 *       JVM without the marker (GatlingRun in the ITs, Gatling Enterprise, the plugin's in-process
 *       mode) are left alone;
 *   <li>the marker names the plugin version; only {@link #CHECKED_VERSIONS} are decoded, another
 *       version gets one warning and its values as they arrive;
 *   <li>the property still holds the text of that option (nothing set it since), and the text is
 *       something the escaping produces.
 * </ul>
 */
public final class MavenForkProperties {
  /** Set by the pom on the plugin's forked JVM, as {@code gatling-maven-plugin:<version>}. */
  static final String MARKER_PROPERTY = "onlinebench.launcher";

  static final String MARKER_PREFIX = "gatling-maven-plugin:";

  /** Plugin versions whose escaping was read in their source and checked with a real run. */
  static final Set<String> CHECKED_VERSIONS = Set.of("4.21.12");

  private MavenForkProperties() {}

  /**
   * What {@link #restore} did.
   *
   * @param restored names of the properties given back their typed value
   * @param warning a line for the user when the values could not be trusted to decode
   */
  record Restoration(Set<String> restored, Optional<String> warning) {}

  /**
   * Restores this JVM's system properties in place, before anything reads them, and prints a
   * warning line on stderr if it could not.
   */
  public static void restoreSystemProperties() {
    restore(
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            Optional.ofNullable(System.getenv("_JAVA_OPTIONS")).orElse(""),
            System.getProperties(),
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"))
        .warning()
        .ifPresent(w -> System.err.println("Warning: " + w));
  }

  /**
   * Decodes, in {@code properties}, the values that the JVM options {@code jvmArguments} show came
   * through the plugin's escaping.
   *
   * @param jvmArguments this JVM's options in command-line order
   * @param javaOptions the {@code _JAVA_OPTIONS} environment variable, whose options the JVM adds
   *     after the command line's, so after the marker too; they are not the plugin's
   */
  static Restoration restore(
      List<String> jvmArguments, String javaOptions, Properties properties, boolean windows) {
    int marker = markerIndex(jvmArguments);
    if (marker < 0) {
      return new Restoration(Set.of(), Optional.empty());
    }
    String version = jvmArguments.get(marker).substring(markerOption().length());
    if (!CHECKED_VERSIONS.contains(version)) {
      return new Restoration(
          Set.of(),
          Optional.of(
              "gatling-maven-plugin "
                  + version
                  + " hands -D values to Gatling in a way checked only for "
                  + String.join(", ", new TreeSet<>(CHECKED_VERSIONS))
                  + "; values with quotes, backslashes or non-ASCII characters may arrive"
                  + " escaped"));
    }
    // counting words may take too many from the end, never too few: a value is left escaped rather
    // than an option of the user's decoded
    int appended = javaOptions.isBlank() ? 0 : javaOptions.trim().split("\\s+").length;
    int end = Math.max(marker + 1, jvmArguments.size() - appended);
    Set<String> restored = new TreeSet<>();
    for (String option : jvmArguments.subList(marker + 1, end)) {
      int equals = option.indexOf('=');
      if (!option.startsWith("-D") || equals < 0) {
        continue;
      }
      String name = option.substring(2, equals);
      String arrived = option.substring(equals + 1);
      if (!arrived.equals(properties.getProperty(name))) {
        continue;
      }
      Optional<String> typed = PluginEscaping.undo(arrived, windows);
      if (typed.isPresent() && !typed.get().equals(arrived)) {
        properties.setProperty(name, typed.get());
        restored.add(name);
      }
    }
    return new Restoration(restored, Optional.empty());
  }

  /** The last marker: should one come twice, what lies between them is surely not escaped. */
  private static int markerIndex(List<String> jvmArguments) {
    for (int i = jvmArguments.size() - 1; i >= 0; i--) {
      if (jvmArguments.get(i).startsWith(markerOption())) {
        return i;
      }
    }
    return -1;
  }

  private static String markerOption() {
    return "-D" + MARKER_PROPERTY + "=" + MARKER_PREFIX;
  }
}
