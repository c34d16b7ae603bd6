package onlinebench.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static onlinebench.openai.ChunkScanner.ANSWER;
import static onlinebench.openai.ChunkScanner.NO_TEXT;
import static onlinebench.openai.ChunkScanner.REASONING;
import static onlinebench.openai.ChunkScanner.UNSURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path must agree with Jackson whenever it answers: it may say {@code UNSURE} more often
 * than needed, but a chunk it classifies must be valid JSON with the same text/no-text verdict.
 */
class ChunkScannerTest {

  private static final String HEAD = "{" + Chunks.HEAD + ",";

  private static final List<String> SAMPLES =
      List.of(
          HEAD
              + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
          HEAD
              + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
              + " word\"},\"logprobs\":null,\"finish_reason\":null}]}",
          HEAD
              + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"say \\\"hi\\\" \\u00e9"
              + " é\"},\"finish_reason\":null}]}",
          HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
          HEAD
              + "\"choices\":[],\"usage\":{\"prompt_tokens\":29,\"completion_tokens\":3,\"total_tokens\":32}}",
          "{\"choices\":[{\"delta\":{\"reasoning_content\":\"\\n"
              + "\",\"x\":[1,-2.5e+3,true,false,null]}}]}",
          Chunks.text(" word").substring(6).trim(),
          "{\"choices\":[{\"index\":0,\"text\":\"\",\"logprobs\":null}]}",
          "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
              + "\"function\":{\"arguments\":\"{\\\"q\"}}]}}]}",
          "{\"choices\":[{\"delta\":{\"content\":\"a\",\"tool_calls\":[ ]}}]}");

  private final ChunkScanner scanner = new ChunkScanner();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
            + " word\"},\"finish_reason\":null}],\"usage\":null}",
        "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"日本語 😀 \\\" \\\\ \\/ \\b \\f \\n"
            + " \\r"
            + " \\t \\uD83D\\uDE00\"}}]}",
        " {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n",
        "{\"choices\":[{\"index\":0,\"text\":\" word\",\"logprobs\":null,\"finish_reason\":null}]}",
      })
  void ordinaryContentChunksTakeTheFastPath(String json) {
    assertThat(scan(json)).isEqualTo(ANSWER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"choices\":[{\"delta\":{\"reasoning\":\"x\"}}]}",
        "{\"choices\":[{\"delta\":{\"reasoning_content\":\"x\",\"content\":null}}]}",
        "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":\"x\"}}]}",
        "{\"choices\":[{\"delta\":{\"reasoning\":\"x\",\"reasoning_content\":\"x\"}}]}",
        "{\"choices\":[{\"delta\":{}},{\"delta\":{\"reasoning\":\"\\n\"}}]}",
      })
  void chunksWithOnlyReasoningTextAreReasoning(String json) {
    assertThat(scan(json)).isEqualTo(REASONING);
    assertAgreesWithJackson(json.getBytes(UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"choices\":[{\"delta\":{\"reasoning_content\":\"x\",\"content\":\"y\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"y\",\"reasoning\":\"x\"}}]}",
        "{\"choices\":[{\"delta\":{\"reasoning\":\"x\"}},{\"delta\":{\"content\":\"y\"}}]}",
      })
  void aChunkWithAnswerTextBesideReasoningIsAnAnswer(String json) {
    assertThat(scan(json)).isEqualTo(ANSWER);
    assertAgreesWithJackson(json.getBytes(UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"choices\":[{\"delta\":{\"reasoning_content\":\"\"}}]}",
        "{\"choices\":[{\"delta\":{\"reasoning\":null,\"reasoning_content\":null,\"content\":\"\"}}]}",
      })
  void emptyOrNullReasoningIsNoText(String json) {
    assertThat(scan(json)).isEqualTo(NO_TEXT);
  }

  @Test
  void aTemplateRemembersWhetherItsTextWasReasoning() {
    String reasoning = "{\"id\":\"c\",\"choices\":[{\"delta\":{\"reasoning\":\"%s\"}}]}";
    String answer = "{\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"%s\"}}]}";
    assertThat(scan(reasoning.formatted("a"))).isEqualTo(REASONING);
    assertThat(scan(reasoning.formatted("b c"))).isEqualTo(REASONING);
    assertThat(scan(reasoning.formatted(""))).isEqualTo(NO_TEXT);
    assertThat(scan(answer.formatted("d"))).isEqualTo(ANSWER);
    assertThat(scan(answer.formatted("e f"))).isEqualTo(ANSWER);
    assertThat(scan(reasoning.formatted("g"))).isEqualTo(REASONING);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":null}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"\"}}],\"usage\":null,\"error\":null}",
        "{\"choices\":[{\"delta\":{}}]}",
        "{\"choices\":[]}",
        "{}",
        "{\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":null}]}",
        "{\"choices\":[{\"index\":0,\"text\":null}]}",
        "{\"choices\":[{\"delta\":{\"text\":\"a\"}}],\"text\":\"a\"}",
        "{\"choices\":[{\"delta\":{\"content\":\"\",\"tool_calls\":[]}}]}",
        "{\"choices\":[{\"delta\":{\"tool_calls\":null}}]}",
      })
  void ordinaryChunksWithoutTextTakeTheFastPath(String json) {
    assertThat(scan(json)).isEqualTo(NO_TEXT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}",
        "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}",
        "{\"error\":{\"message\":\"x\"}}",
        "{\"choices\":[{\"delta\":{\"con\\u0074ent\":\"x\"}}]}",
        "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\"}}]}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"\",\"tool_calls\":[{\"index\":0,\"id\":\"c\"}]}}]}",
      })
  void rareChunksGoToJackson(String json) {
    assertThat(scan(json)).isEqualTo(UNSURE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{not json}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]} {}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}},]}",
        "{\"choices\":[{\"delta\":{\"content\":'a'}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\tb\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"\\x\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"\\u12G4\"}}]}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":+1}",
        "{\"a\":-}",
        "{\"a\":1e}",
        "{\"a\":NaN}",
        "{\"a\":nul}",
        "{\"a\":nullx}",
        "{\"a\":True}",
        "{a:1}",
        "{\"a\" 1}",
        "{\"a\":1,}",
        "{\"a\":1 /* c */}",
        "[{\"choices\":[]}]",
        "\"text\"",
        "[DONE]",
      })
  void invalidJsonIsNeverClassified(String json) {
    assertThat(scan(json)).isEqualTo(UNSURE);
    assertThatCode(() -> read(json.getBytes(UTF_8))).isInstanceOf(IOException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"choices\":[{\"delta\":{\"content\":\"\\ud800\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"\\u0000\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"\u007f\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":[\"a\"]}}]}",
        "{\"choices\":[{\"delta\":{\"content\":{\"text\":\"a\"}}}]}",
        "{\"choices\":[{\"delta\":[{\"content\":\"a\"}]}]}",
        "{\"choices\":{\"delta\":{\"content\":\"a\"}}}",
        "{\"choices\":[[{\"delta\":{\"content\":\"a\"}}]]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}},{\"delta\":{\"content\":\"a\"}}],\"choices\":null}",
        "{\"usage\":5,\"error\":[],\"choices\":[{\"finish_reason\":7,\"delta\":{\"content\":\"a\"}}]}",
        "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        "{\"a\":12345678901234567890123456789012345678901234567890123456789012345678901234567890}",
        "{\"choices\":[{\"text\":[\"a\"]}]}",
        "{\"choices\":[{\"text\":{\"text\":\"a\"}}]}",
        "{\"choices\":[{\"te\\u0078t\":\"a\"}]}",
        "{\"choices\":[{\"text\":\"\"},{\"text\":\"b\"}]}",
      })
  void unusualButValidChunksAgreeWithJackson(String json) {
    assertAgreesWithJackson(json.getBytes(UTF_8));
  }

  @Test
  void malformedUtf8IsNeverClassified() {
    byte[][] bad = {
      {(byte) 0x80},
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0xC3},
      {(byte) 0xE2, (byte) 0x82},
    };
    for (byte[] sequence : bad) {
      byte[] json = chunkWithRawContent(sequence);
      assertThat(scanner.scan(json, 0, json.length))
          .as("%s", Arrays.toString(sequence))
          .isEqualTo(UNSURE);
    }
  }

  /**
   * Exhaustive single-edit mutations of realistic chunks (truncate, delete, replace with a byte
   * that matters to JSON or UTF-8): whenever the fast path answers, Jackson agrees.
   */
  @Test
  void everySingleByteMutationOfRealChunksAgreesWithJackson() {
    byte[] replacements = "\"\\{}[]:, 0-.eEnu\t\n".getBytes(UTF_8);
    byte[] extra = {0, 0x1F, (byte) 0x80, (byte) 0xC3, (byte) 0xED, (byte) 0xF5, (byte) 0xFF};
    int classified = 0;
    int checked = 0;
    for (String sample : SAMPLES) {
      byte[] original = sample.getBytes(UTF_8);
      for (int i = 0; i < original.length; i++) {
        classified += assertAgreesWithJackson(Arrays.copyOf(original, i)) ? 1 : 0;
        classified += assertAgreesWithJackson(deleted(original, i)) ? 1 : 0;
        checked += 2;
        for (byte r : concat(replacements, extra)) {
          byte[] mutated = original.clone();
          mutated[i] = r;
          classified += assertAgreesWithJackson(mutated) ? 1 : 0;
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
    assertThat(classified)
        .as("the fast path must still answer for many valid variants")
        .isGreaterThan(1_000);
  }

  /**
   * The same mutations, each right after the intact chunk, so that the shortcut for chunks shaped
   * like the previous one is what answers: it must agree with Jackson too.
   */
  @Test
  void mutationsRightAfterTheIntactChunkAgreeWithJackson() {
    byte[] replacements = "\"\\{}[]:, 0-.eEnu\t\n".getBytes(UTF_8);
    byte[] extra = {0, 0x1F, (byte) 0x80, (byte) 0xC3, (byte) 0xED, (byte) 0xF5, (byte) 0xFF};
    int classified = 0;
    for (String sample : SAMPLES) {
      byte[] original = sample.getBytes(UTF_8);
      for (int i = 0; i < original.length; i++) {
        for (byte r : concat(replacements, extra)) {
          byte[] mutated = original.clone();
          mutated[i] = r;
          scanner.scan(original, 0, original.length);
          classified += assertAgreesWithJackson(mutated) ? 1 : 0;
          scanner.scan(original, 0, original.length);
          classified += assertAgreesWithJackson(deleted(original, i)) ? 1 : 0;
        }
      }
    }
    assertThat(classified).isGreaterThan(1_000);
  }

  @Test
  void chunksThatDifferOnlyInTheirTextAreClassifiedByTheirText() {
    assertThat(scan(Chunks.content(" the").substring(6).trim())).isEqualTo(ANSWER);
    assertThat(scan(Chunks.content(" cat sat").substring(6).trim())).isEqualTo(ANSWER);
    assertThat(scan(Chunks.content("").substring(6).trim())).isEqualTo(NO_TEXT);
    assertThat(scan(Chunks.content("\\u00e9 \\\"q\\\"").substring(6).trim())).isEqualTo(ANSWER);
    byte[] badUtf8 = Chunks.content("ab").substring(6).trim().getBytes(UTF_8);
    int a = new String(badUtf8, UTF_8).indexOf("ab");
    badUtf8[a] = (byte) 0xC3;
    badUtf8[a + 1] = (byte) 0x28;
    assertThat(scanner.scan(badUtf8, 0, badUtf8.length)).isEqualTo(UNSURE);
    assertThat(scan(Chunks.content(" again").substring(6).trim())).isEqualTo(ANSWER);
  }

  @Test
  void completionsChunksThatDifferOnlyInTheirTextAreClassifiedByTheirText() {
    assertThat(scan(Chunks.text(" the").substring(6).trim())).isEqualTo(ANSWER);
    assertThat(scan(Chunks.text(" quick").substring(6).trim())).isEqualTo(ANSWER);
    assertThat(scan(Chunks.text("").substring(6).trim())).isEqualTo(NO_TEXT);
    assertThat(scan(Chunks.text("\\n").substring(6).trim())).isEqualTo(ANSWER);
  }

  /** Returns whether the fast path answered (and so was checked against Jackson). */
  private boolean assertAgreesWithJackson(byte[] json) {
    int fast = scanner.scan(json, 0, json.length);
    if (fast == UNSURE) {
      return false;
    }
    String shown = new String(json, UTF_8);
    ChunkJsonReader.Chunk reference;
    try {
      reference = read(json);
    } catch (IOException e) {
      throw new AssertionError("fast path accepted what Jackson rejects: " + shown, e);
    }
    assertThat(reference.carriesText()).as(shown).isEqualTo(fast == ANSWER || fast == REASONING);
    assertThat(reference.carriesAnswer()).as(shown).isEqualTo(fast == ANSWER);
    assertThat(reference.hasUsage() || reference.hasError() || !reference.finishReasons().isEmpty())
        .as("rare content must go to Jackson: %s", shown)
        .isFalse();
    return true;
  }

  private int scan(String json) {
    byte[] bytes = json.getBytes(UTF_8);
    return scanner.scan(bytes, 0, bytes.length);
  }

  private static ChunkJsonReader.Chunk read(byte[] json) throws IOException {
    return ChunkJsonReader.read(json, 0, json.length);
  }

  private static byte[] chunkWithRawContent(byte[] raw) {
    return concat(
        concat("{\"choices\":[{\"delta\":{\"content\":\"a".getBytes(UTF_8), raw),
        "\"}}]}".getBytes(UTF_8));
  }

  private static byte[] deleted(byte[] bytes, int index) {
    byte[] out = new byte[bytes.length - 1];
    System.arraycopy(bytes, 0, out, 0, index);
    System.arraycopy(bytes, index + 1, out, index, bytes.length - index - 1);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
