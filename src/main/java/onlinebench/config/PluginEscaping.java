package onlinebench.config;

import java.util.Optional;

/**
 * Undoes the escaping gatling-maven-plugin applies to each system property it hands to the Gatling
 * JVM it forks.
 *
 * <p>The plugin (4.21.12, through gatling-enterprise-plugin-commons 1.26.2) puts every Maven system
 * property on the forked JVM's command line as {@code -Dname=escape(value)}, where {@code escape}
 * writes a Java string literal's body: {@code \\}, {@code \"}, {@code \'}, {@code \b \t \n \f \r},
 * other control characters and every char above 0x7f as {@code \}{@code uXXXX} (four lower-case hex
 * digits), everything else as it is (gatling/gatling-enterprise-plugin-commons
 * src/main/java/io/gatling/plugin/util/Fork.java, {@code escape}; the 1.26.2 jar's bytecode, read
 * with javap, does the same). Nothing undoes it on the way in, so the JVM sees the escaped text.
 *
 * <p>On Windows the command line is parsed once more by the Java launcher, whose rule is that of
 * the C runtime (openjdk/jdk src/java.base/windows/native/libjli/cmdtoargs.c, {@code next_arg}):
 * 2n+1 backslashes before a double quote become n backslashes and a literal quote; backslashes
 * anywhere else stay as they are. So there every escaped quote arrives with exactly the user's own
 * backslashes before it, and the rest is still escaped. (Reasoned from those sources; not run on
 * Windows.)
 *
 * <p>Every output of {@code escape} is printable ASCII, so text holding anything else, a lone quote
 * or an unknown escape cannot have come from it and is not decoded.
 */
final class PluginEscaping {
  private PluginEscaping() {}

  /**
   * The value the user gave, or empty when {@code arrived} is not something the plugin's escaping
   * produces on this platform.
   *
   * @param arrived the value as the forked JVM received it
   * @param windows whether the Windows launcher parsed the command line
   */
  static Optional<String> undo(String arrived, boolean windows) {
    StringBuilder out = new StringBuilder(arrived.length());
    int i = 0;
    while (i < arrived.length()) {
      char c = arrived.charAt(i);
      if (c < 0x20 || c > 0x7f || c == '\'' || (c == '"' && !windows)) {
        return Optional.empty();
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      int run = backslashesFrom(arrived, i);
      if (windows && i + run < arrived.length() && arrived.charAt(i + run) == '"') {
        // the launcher already turned 2n+1 backslashes and a quote into n and the quote
        out.append(arrived, i, i + run + 1);
        i += run + 1;
        continue;
      }
      int next = unescapeOne(arrived, i, out);
      if (next < 0) {
        return Optional.empty();
      }
      i = next;
    }
    return Optional.of(out.toString());
  }

  private static int backslashesFrom(String s, int start) {
    int end = start;
    while (end < s.length() && s.charAt(end) == '\\') {
      end++;
    }
    return end - start;
  }

  /** Appends the character escaped at {@code s[at]} and returns the index after it, or -1. */
  private static int unescapeOne(String s, int at, StringBuilder out) {
    if (at + 1 >= s.length()) {
      return -1;
    }
    char kind = s.charAt(at + 1);
    switch (kind) {
      case '\\', '"', '\'' -> out.append(kind);
      case 'b' -> out.append('\b');
      case 't' -> out.append('\t');
      case 'n' -> out.append('\n');
      case 'f' -> out.append('\f');
      case 'r' -> out.append('\r');
      case 'u' -> {
        return unicode(s, at, out);
      }
      default -> {
        return -1;
      }
    }
    return at + 2;
  }

  private static int unicode(String s, int at, StringBuilder out) {
    int end = at + 6;
    if (end > s.length()) {
      return -1;
    }
    int code = 0;
    for (int i = at + 2; i < end; i++) {
      int digit = Character.digit(s.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      code = code * 16 + digit;
    }
    // escape() writes \\uXXXX only for controls and chars above 0x7f; anything else is not its own
    if (code >= 0x20 && code <= 0x7f) {
      return -1;
    }
    out.append((char) code);
    return end;
  }
}
