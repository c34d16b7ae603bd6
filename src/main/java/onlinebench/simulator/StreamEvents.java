package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The SSE frames of one streamed completion, pre-serialised so each token costs three byte copies.
 *
 * <p>Order on the wire: a role chunk ({@code "delta":{"role":"assistant","content":""}}, no text)
 * in the same write as the first content chunk; one content chunk per token; a finish chunk with an
 * empty delta and {@code "finish_reason"} ({@code length} or {@code stop}); a usage chunk with
 * {@code "choices":[]} if asked for; {@code data: [DONE]}. Each frame is {@code data: <json>\n\n}.
 * A legacy completions stream has the same order in its own shape: no role chunk, {@code
 * "text":<token>} chunks, a finish chunk with {@code "text":""}.
 *
 * <p>Content chunks are spliced: Jackson serialises one chunk whose content is a placeholder, which
 * is cut out; each token's word, itself serialised by Jackson, goes in its place. The result is
 * byte for byte what Jackson would produce for the whole chunk.
 */
final class StreamEvents {

  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(US_ASCII);
  private static final String PLACEHOLDER = "\u0000token\u0000";
  private static final byte[] PLACEHOLDER_JSON = Json.bytes(PLACEHOLDER);
  private static final byte[][] WORDS_JSON =
      GeneratedText.WORDS.stream().map(Json::bytes).toArray(byte[][]::new);
  private static final int LONGEST_WORD_BYTES =
      Arrays.stream(WORDS_JSON).mapToInt(w -> w.length).max().orElseThrow();

  private final byte[] roleEvent;
  private final byte[] contentPrefix;
  private final byte[] contentSuffix;
  private final byte[] finishEvent;
  private final byte[] usageEvent;

  StreamEvents(Completion completion) {
    boolean text = completion.textCompletion();
    ObjectNode roleDelta = completion.newDelta().put("role", "assistant").put("content", "");
    roleEvent = text ? new byte[0] : event(completion.chunk(roleDelta, null));

    byte[] template =
        event(
            text
                ? completion.textChunk(PLACEHOLDER, null)
                : completion.chunk(completion.newDelta().put("content", PLACEHOLDER), null));
    // The content is the last string in the chunk, so the last match is it even if the model name
    // happened to contain the placeholder.
    int at = lastIndexOf(template, PLACEHOLDER_JSON);
    contentPrefix = Arrays.copyOfRange(template, 0, at);
    contentSuffix = Arrays.copyOfRange(template, at + PLACEHOLDER_JSON.length, template.length);

    finishEvent =
        event(
            text
                ? completion.textChunk("", completion.finishReason())
                : completion.chunk(completion.newDelta(), completion.finishReason()));
    usageEvent = completion.streamUsage() ? event(completion.usageChunk()) : new byte[0];
  }

  /**
   * Token {@code tokenIndex}'s event with invalid JSON in its data: the chunk without its closing
   * brace (the {@code malformed} fault). Same frame shape, so only a JSON parser notices.
   */
  void writeMalformedToken(ByteBuf out, int tokenIndex) {
    writeToken(out, tokenIndex);
    // The frame ends "}\n\n": drop the brace.
    out.writerIndex(out.writerIndex() - 3);
    out.writeByte('\n').writeByte('\n');
  }

  void writeRole(ByteBuf out) {
    out.writeBytes(roleEvent);
  }

  /** Role chunk then the first content chunk: real servers send them together. */
  void writeFirstToken(ByteBuf out) {
    out.writeBytes(roleEvent);
    writeToken(out, 0);
  }

  void writeToken(ByteBuf out, int tokenIndex) {
    out.writeBytes(contentPrefix)
        .writeBytes(WORDS_JSON[tokenIndex % WORDS_JSON.length])
        .writeBytes(contentSuffix);
  }

  void writeFinish(ByteBuf out) {
    out.writeBytes(finishEvent);
  }

  /** Writes nothing when the client did not ask for usage. */
  void writeUsage(ByteBuf out) {
    out.writeBytes(usageEvent);
  }

  boolean hasUsage() {
    return usageEvent.length > 0;
  }

  void writeDone(ByteBuf out) {
    out.writeBytes(DONE);
  }

  /**
   * Upper bound of the size of token {@code tokenIndex}'s write; the first also carries the role
   * chunk.
   */
  int maxTokenEventBytes(int tokenIndex) {
    return (tokenIndex == 0 ? roleEvent.length : 0) + maxContentEventBytes();
  }

  /** Upper bound of the whole stream's size, for the single buffer of whole delivery. */
  int maxStreamBytes(int tokens) {
    return roleEvent.length
        + maxContentEventBytes() * tokens
        + finishEvent.length
        + usageEvent.length
        + DONE.length;
  }

  private int maxContentEventBytes() {
    return contentPrefix.length + LONGEST_WORD_BYTES + contentSuffix.length;
  }

  private static byte[] event(ObjectNode chunk) {
    byte[] json = Json.bytes(chunk);
    byte[] frame = new byte[6 + json.length + 2];
    System.arraycopy("data: ".getBytes(US_ASCII), 0, frame, 0, 6);
    System.arraycopy(json, 0, frame, 6, json.length);
    frame[frame.length - 2] = '\n';
    frame[frame.length - 1] = '\n';
    return frame;
  }

  private static int lastIndexOf(byte[] haystack, byte[] needle) {
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new IllegalStateException("placeholder not found in " + new String(haystack, UTF_8));
  }
}
