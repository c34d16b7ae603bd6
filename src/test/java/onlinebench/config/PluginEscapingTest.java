package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginEscapingTest {
  /**
   * What the user typed → what the forked JVM received, as printed by a probe Simulation run with
   * {@code ./mvnw gatling:test -Dprobe.x=...} through gatling-maven-plugin 4.21.12 on Linux.
   */
  private static final Map<String, String> SEEN_ON_LINUX =
      Map.ofEntries(
          Map.entry("{\"a\":1, \"b\":[1,2]}", "{\\\"a\\\":1, \\\"b\\\":[1,2]}"),
          Map.entry("say \"hi\"", "say \\\"hi\\\""),
          Map.entry("it's", "it\\'s"),
          Map.entry("C:\\temp\\new", "C:\\\\temp\\\\new"),
          Map.entry("h\u00e9llo \u2713 \uD83D\uDE00", "h\\u00e9llo \\u2713 \\ud83d\\ude00"),
          Map.entry("x\ny", "x\\ny"),
          Map.entry("x\ty", "x\\ty"),
          Map.entry("ttft_p99<500ms", "ttft_p99<500ms"),
          Map.entry("a>b", "a>b"),
          Map.entry("50%", "50%"),
          Map.entry("a,b,c", "a,b,c"),
          Map.entry("$HOME $x", "$HOME $x"),
          Map.entry("#{id}", "#{id}"),
          Map.entry("a=b", "a=b"),
          Map.entry("a b", "a b"),
          Map.entry("", ""));

  @Test
  void everyValueSeenThroughTheRealPluginDecodesToWhatWasTyped() {
    SEEN_ON_LINUX.forEach(
        (typed, arrived) ->
            assertThat(PluginEscaping.undo(arrived, false))
                .as("arrived %s", arrived)
                .hasValue(typed));
  }

  @Test
  void everyControlCharacterAndUnicodeEscapeDecodes() {
    assertThat(PluginEscaping.undo("\\b\\t\\n\\f\\r\\u0001\\u001f", false))
        .hasValue("\b\t\n\f\r\u0001\u001f");
    assertThat(PluginEscaping.undo("\u007f", false))
        .as("DEL, which it leaves as it is")
        .hasValue("\u007f");
    assertThat(PluginEscaping.undo("\\u00E9", false)).as("upper-case hex").hasValue("\u00e9");
  }

  @Test
  void aBackslashBeforeAQuoteKeepsBoth() {
    // the user's \" is escaped to \\\"
    assertThat(PluginEscaping.undo("\\\\\\\"", false)).hasValue("\\\"");
  }

  @Test
  void textTheEscapingCannotProduceIsNotDecoded() {
    assertThat(PluginEscaping.undo("{\"a\":1}", false)).as("a bare quote").isEmpty();
    assertThat(PluginEscaping.undo("it's", false)).as("a bare apostrophe").isEmpty();
    assertThat(PluginEscaping.undo("h\u00e9", false)).as("non-ASCII").isEmpty();
    assertThat(PluginEscaping.undo("C:\\dir", false)).as("an unknown escape").isEmpty();
    assertThat(PluginEscaping.undo("end\\", false)).as("a trailing backslash").isEmpty();
    assertThat(PluginEscaping.undo("\\u00zz", false)).as("bad hex").isEmpty();
    assertThat(PluginEscaping.undo("\\u00e", false)).as("short hex").isEmpty();
    assertThat(PluginEscaping.undo("\\u0041", false)).as("an ASCII letter as \\u").isEmpty();
    assertThat(PluginEscaping.undo("a\u0001", false)).as("a raw control").isEmpty();
  }

  @Test
  void onWindowsQuotesArriveWithOnlyTheUsersOwnBackslashes() {
    // Windows' launcher turns 2n+1 backslashes and a quote into n and the quote
    // (openjdk/jdk src/java.base/windows/native/libjli/cmdtoargs.c); the rest stays escaped
    assertThat(PluginEscaping.undo("{\"a\":1}", true)).hasValue("{\"a\":1}");
    assertThat(PluginEscaping.undo("it\\'s C:\\\\temp h\\u00e9", true))
        .hasValue("it's C:\\temp h\u00e9");
    // the user's \" : escaped \\\" , parsed to \"
    assertThat(PluginEscaping.undo("\\\"", true)).hasValue("\\\"");
    // the user's \\" : escaped \\\\\" , parsed to \\"
    assertThat(PluginEscaping.undo("\\\\\"", true)).hasValue("\\\\\"");
    // the user's \ then é: escaped \\\u00e9, no quote so parsed as it is
    assertThat(PluginEscaping.undo("\\\\\\u00e9", true)).hasValue("\\\u00e9");
    assertThat(PluginEscaping.undo("it's", true)).as("a bare apostrophe").isEmpty();
  }
}
