package onlinebench.openai;

import java.util.Arrays;

/**
 * The fast path: one allocation-free pass over a chunk's JSON bytes that both validates them and
 * finds whether a {@code choices[].delta} carries text (chat), or a {@code choices[].text} (legacy
 * completions), and whether that text is answer ({@code content}, {@code text}) or reasoning only
 * ({@code reasoning_content}, {@code reasoning}: see {@link ChatStreamListener#onTokenChunk}).
 *
 * <p>It validates the whole event strictly (RFC 8259 grammar, well-formed UTF-8, escapes) because a
 * byte search alone would count a truncated or garbled chunk as a token. It answers only when the
 * answer is certain and ordinary; everything else is {@link #UNSURE} and goes to {@link
 * ChunkJsonReader}, which is the reference. So the scanner is allowed to be stricter than Jackson
 * (over-long UTF-8, deep nesting, huge numbers or keys, escaped keys in the objects it inspects),
 * but never more lenient. Rare content is also {@code UNSURE} on purpose: a non-null {@code usage},
 * {@code error} or {@code finish_reason} needs values decoded, and happens once or twice per
 * stream; so does a non-empty {@code delta.tool_calls}, which only a tool-call answer carries.
 *
 * <p>Within a stream, content chunks differ only in their text; a chunk that matches the last fully
 * scanned one byte for byte around its text string needs only that string validated.
 *
 * <p>Not thread-safe: one instance per parser.
 */
final class ChunkScanner {

  /**
   * Valid ordinary chunk with no text (role-only, empty content, progress...). Nothing to report.
   */
  static final int NO_TEXT = 0;

  /** Valid ordinary chunk in which at least one choice carries non-empty answer text. */
  static final int ANSWER = 1;

  /** Invalid, unusual or rare: let {@link ChunkJsonReader} decide and decode. */
  static final int UNSURE = 2;

  /** Valid ordinary chunk whose only non-empty text is reasoning. */
  static final int REASONING = 3;

  // Limits well inside Jackson's defaults (nesting 1000, number 1000 chars, name 50,000 chars),
  // so that anything the scanner accepts, Jackson accepts too.
  private static final int MAX_DEPTH = 32;
  private static final int MAX_NUMBER_BYTES = 64;
  private static final int MAX_KEY_BYTES = 256;

  // What a value means, given where it sits in the chunk.
  private static final int OTHER = 0;
  private static final int ROOT = 1;
  private static final int CHOICES = 2;
  private static final int CHOICE = 3;
  private static final int DELTA = 4;
  private static final int TEXT_FIELD = 5; // answer text: content, or a completions choice's text
  private static final int NULL_OR_RARE = 6;
  private static final int REASONING_FIELD = 7;
  private static final int NULL_OR_EMPTY = 8; // null or [], else rare: tool_calls
  private static final int UNSURE_KEY = -1;

  private static final byte[] CHOICES_KEY = ascii("choices");
  private static final byte[] USAGE_KEY = ascii("usage");
  private static final byte[] ERROR_KEY = ascii("error");
  private static final byte[] DELTA_KEY = ascii("delta");
  private static final byte[] TEXT_KEY = ascii("text");
  private static final byte[] FINISH_REASON_KEY = ascii("finish_reason");
  private static final byte[] CONTENT_KEY = ascii("content");
  private static final byte[] REASONING_CONTENT_KEY = ascii("reasoning_content");
  private static final byte[] REASONING_KEY = ascii("reasoning");
  private static final byte[] TOOL_CALLS_KEY = ascii("tool_calls");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NULL = ascii("null");

  /** Printable ASCII other than the quote and the backslash: stands for itself inside a string. */
  private static final boolean[] PLAIN_STRING_BYTE = new boolean[256];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      PLAIN_STRING_BYTE[c] = c != '"' && c != '\\';
    }
  }

  private static final int MISS = -1;

  private byte[] b;
  private int p;
  private int end;
  private boolean answer;
  private boolean reasoning;
  private boolean stringHadEscape;
  private int textFields; // values under a text or reasoning key in this chunk, of any type
  private int textStart; // the text string value's opening quote, -1 if not a string
  private int textEnd; // just after its closing quote
  private boolean textIsAnswer; // whether that string was under an answer key

  // The last chunk classified by a full pass whose only text field was a string: within one stream
  // every content chunk has the same bytes around its text (id, model, created, indices...).
  private byte[] template = new byte[0];
  private int templateLength;
  private int templateTextStart;
  private int templateTextEnd;
  private boolean templateTextIsAnswer;

  /**
   * Classifies {@code bytes[offset, offset + length)} as {@link #NO_TEXT}, {@link #ANSWER}, {@link
   * #REASONING} or {@link #UNSURE}.
   */
  int scan(byte[] bytes, int offset, int length) {
    if (templateLength > 0) {
      int answer = scanLikeTemplate(bytes, offset, length);
      if (answer != MISS) {
        return answer;
      }
    }
    b = bytes;
    p = offset;
    end = offset + length;
    answer = false;
    reasoning = false;
    textFields = 0;
    textStart = -1;
    skipWhitespace();
    boolean ok = p < end && b[p] == '{' && value(ROOT, 0);
    if (ok) {
      skipWhitespace();
      ok = p == end;
    }
    b = null; // never keep the caller's buffer
    if (!ok) {
      return UNSURE;
    }
    if (textFields == 1 && textStart >= 0) {
      remember(bytes, offset, length);
    }
    return answer ? ANSWER : reasoning ? REASONING : NO_TEXT;
  }

  /**
   * The shortcut for a chunk that is the template with only its text string changed: the same bytes
   * before the text's opening quote, a valid string, the same bytes after it. Replacing one string
   * value by another valid string keeps the JSON valid and its structure the same, and the
   * template's only text field was that string, so the answer is whether the new string is
   * non-empty, and of the template's kind (answer or reasoning). Anything else is a {@link #MISS}
   * and gets the full pass.
   */
  private int scanLikeTemplate(byte[] bytes, int offset, int length) {
    int prefix = templateTextStart;
    int suffix = templateLength - templateTextEnd;
    int textEndLimit = offset + length - suffix;
    if (textEndLimit - (offset + prefix) < 2
        || !Arrays.equals(bytes, offset, offset + prefix, template, 0, prefix)
        || !Arrays.equals(
            bytes, textEndLimit, offset + length, template, templateTextEnd, templateLength)) {
      return MISS;
    }
    b = bytes;
    p = offset + prefix;
    end = textEndLimit;
    boolean ok = b[p] == '"' && string() && p == end;
    b = null;
    if (!ok) {
      return MISS;
    }
    if (textEndLimit - (offset + prefix) <= 2) {
      return NO_TEXT;
    }
    return templateTextIsAnswer ? ANSWER : REASONING;
  }

  private void remember(byte[] bytes, int offset, int length) {
    if (template.length < length) {
      template = new byte[Math.max(length, 2 * template.length)];
    }
    System.arraycopy(bytes, offset, template, 0, length);
    templateLength = length;
    templateTextStart = textStart - offset;
    templateTextEnd = textEnd - offset;
    templateTextIsAnswer = textIsAnswer;
  }

  private boolean value(int kind, int depth) {
    if (p >= end) {
      return false;
    }
    byte c = b[p];
    if (kind == NULL_OR_RARE) {
      return literal(NULL); // a real usage / error / finish_reason: Jackson decodes it
    }
    if (kind == NULL_OR_EMPTY) {
      return literal(NULL) || emptyArray(); // tool-call pieces: Jackson decodes them
    }
    if (kind == TEXT_FIELD || kind == REASONING_FIELD) {
      textFields++;
    }
    switch (c) {
      case '{':
        return object(kind == ROOT || kind == CHOICE || kind == DELTA ? kind : OTHER, depth + 1);
      case '[':
        return array(kind == CHOICES ? CHOICE : OTHER, depth + 1);
      case '"':
        {
          int start = p;
          if (!string()) {
            return false;
          }
          if (kind == TEXT_FIELD || kind == REASONING_FIELD) {
            textStart = start;
            textEnd = p;
            textIsAnswer = kind == TEXT_FIELD;
            // any byte between the quotes is at least one character, escapes too
            if (p - start > 2) {
              answer |= kind == TEXT_FIELD;
              reasoning |= kind == REASONING_FIELD;
            }
          }
          return true;
        }
      case 't':
        return literal(TRUE);
      case 'f':
        return literal(FALSE);
      case 'n':
        return literal(NULL);
      default:
        return number();
    }
  }

  private boolean object(int kind, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    p++; // '{'
    skipWhitespace();
    if (p < end && b[p] == '}') {
      p++;
      return true;
    }
    while (true) {
      if (p >= end || b[p] != '"') {
        return false;
      }
      int keyStart = p + 1;
      if (!string() || p - keyStart - 1 > MAX_KEY_BYTES) {
        return false;
      }
      int childKind = kind == OTHER ? OTHER : childKind(kind, keyStart, p - 1 - keyStart);
      if (childKind == UNSURE_KEY) {
        return false;
      }
      skipWhitespace();
      if (p >= end || b[p] != ':') {
        return false;
      }
      p++;
      skipWhitespace();
      if (!value(childKind, depth)) {
        return false;
      }
      skipWhitespace();
      if (p >= end) {
        return false;
      }
      byte c = b[p++];
      if (c == '}') {
        return true;
      }
      if (c != ',') {
        return false;
      }
      skipWhitespace();
    }
  }

  private boolean array(int elementKind, int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    p++; // '['
    skipWhitespace();
    if (p < end && b[p] == ']') {
      p++;
      return true;
    }
    while (true) {
      if (!value(elementKind, depth)) {
        return false;
      }
      skipWhitespace();
      if (p >= end) {
        return false;
      }
      byte c = b[p++];
      if (c == ']') {
        return true;
      }
      if (c != ',') {
        return false;
      }
      skipWhitespace();
    }
  }

  /** The meaning of the value under a raw (undecoded) key in an object of the given kind. */
  private int childKind(int kind, int keyStart, int keyLength) {
    switch (kind) {
      case ROOT:
        if (keyIs(CHOICES_KEY, keyStart, keyLength)) {
          return CHOICES;
        }
        if (keyIs(USAGE_KEY, keyStart, keyLength) || keyIs(ERROR_KEY, keyStart, keyLength)) {
          return NULL_OR_RARE;
        }
        break;
      case CHOICE:
        if (keyIs(DELTA_KEY, keyStart, keyLength)) {
          return DELTA;
        }
        if (keyIs(TEXT_KEY, keyStart, keyLength)) {
          return TEXT_FIELD; // a completions chunk's text sits in the choice itself
        }
        if (keyIs(FINISH_REASON_KEY, keyStart, keyLength)) {
          return NULL_OR_RARE;
        }
        break;
      case DELTA:
        if (keyIs(CONTENT_KEY, keyStart, keyLength)) {
          return TEXT_FIELD;
        }
        if (keyIs(REASONING_CONTENT_KEY, keyStart, keyLength)
            || keyIs(REASONING_KEY, keyStart, keyLength)) {
          return REASONING_FIELD;
        }
        if (keyIs(TOOL_CALLS_KEY, keyStart, keyLength)) {
          // a tool call streams its name and arguments here; an empty list (vLLM's DeltaMessage
          // default, vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py) carries nothing
          return NULL_OR_EMPTY;
        }
        break;
      default:
        break;
    }
    // An escaped key ("con\u0074ent") may decode to a name that matters: let Jackson decode it.
    return stringHadEscape ? UNSURE_KEY : OTHER;
  }

  private boolean keyIs(byte[] name, int keyStart, int keyLength) {
    if (keyLength != name.length) {
      return false;
    }
    for (int i = 0; i < keyLength; i++) {
      if (b[keyStart + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Validates a string starting at the opening quote and leaves {@code p} after the closing one.
   */
  private boolean string() {
    stringHadEscape = false;
    byte[] a = b; // locals keep the hot loop in registers
    int e = end;
    int i = p + 1;
    while (i < e) {
      int c = a[i] & 0xFF;
      if (PLAIN_STRING_BYTE[c]) {
        i++;
      } else if (c == '"') {
        p = i + 1;
        return true;
      } else {
        p = i;
        if (c == '\\') {
          stringHadEscape = true;
          if (!escape()) {
            return false;
          }
        } else if (c < 0x80 || !utf8Sequence(c)) {
          return false; // an unescaped control character, or malformed UTF-8
        }
        i = p;
      }
    }
    return false;
  }

  private boolean escape() {
    if (p + 1 >= end) {
      return false;
    }
    switch (b[p + 1]) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        p += 2;
        return true;
      case 'u':
        if (p + 5 >= end) {
          return false;
        }
        for (int i = p + 2; i < p + 6; i++) {
          if (!isHexDigit(b[i])) {
            return false;
          }
        }
        p += 6;
        return true;
      default:
        return false;
    }
  }

  /**
   * Well-formed UTF-8 per Unicode table 3-7: no over-long forms, surrogates or code points past
   * U+10FFFF.
   */
  private boolean utf8Sequence(int lead) {
    int continuation;
    int secondMin = 0x80;
    int secondMax = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      continuation = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuation = 2;
      secondMin = lead == 0xE0 ? 0xA0 : 0x80;
      secondMax = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      continuation = 3;
      secondMin = lead == 0xF0 ? 0x90 : 0x80;
      secondMax = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return false;
    }
    if (p + continuation >= end) {
      return false;
    }
    int second = b[p + 1] & 0xFF;
    if (second < secondMin || second > secondMax) {
      return false;
    }
    for (int i = p + 2; i <= p + continuation; i++) {
      if ((b[i] & 0xC0) != 0x80) {
        return false;
      }
    }
    p += continuation + 1;
    return true;
  }

  private boolean number() {
    int start = p;
    if (b[p] == '-') {
      p++;
    }
    if (p < end && b[p] == '0') {
      p++;
    } else if (!digits()) {
      return false;
    }
    if (p < end && b[p] == '.') {
      p++;
      if (!digits()) {
        return false;
      }
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      if (!digits()) {
        return false;
      }
    }
    return p - start <= MAX_NUMBER_BYTES;
  }

  /** Consumes one or more decimal digits. */
  private boolean digits() {
    int start = p;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    return p > start;
  }

  private boolean literal(byte[] word) {
    if (end - p < word.length) {
      return false;
    }
    for (int i = 0; i < word.length; i++) {
      if (b[p + i] != word[i]) {
        return false;
      }
    }
    p += word.length;
    return true;
  }

  /** {@code []}, with any whitespace inside. */
  private boolean emptyArray() {
    if (p >= end || b[p] != '[') {
      return false;
    }
    p++;
    skipWhitespace();
    if (p >= end || b[p] != ']') {
      return false;
    }
    p++;
    return true;
  }

  private void skipWhitespace() {
    if (p < end && b[p] > ' ') {
      return; // compact JSON, the usual case
    }
    byte[] a = b;
    int e = end;
    int i = p;
    while (i < e) {
      byte c = a[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      i++;
    }
    p = i;
  }

  private static boolean isHexDigit(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
