package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The SSE frames of one streamed completion, pre-serialised so each token costs three byte copies.
 *
 * <p>Order on the wire (the {@code openai} profile): a role chunk ({@code
 * "delta":{"role":"assistant","content":""}}, no text) in the same write as the first content
 * chunk; one content chunk per token; a finish chunk with an empty delta and {@code
 * "finish_reason"} ({@code length} or {@code stop}); a usage chunk with {@code "choices":[]} if
 * asked for; {@code data: [DONE]}. Each frame is {@code data: <json>\n\n}. A legacy completions
 * stream has the same order in its own shape: no role chunk, {@code "text":<token>} chunks, a
 * finish chunk with {@code "text":""}. Other server families ({@link WireShape}) move the role, the
 * finish reason and the usage, and add fields. A reasoning model's first tokens ({@code
 * sim.reasoningTokens}) are chunks carrying the family's reasoning field ({@link ReasoningShape})
 * instead of {@code content}.
 *
 * <p>A tool call ({@link ToolCallAnswer}) replaces the content chunks with tool-call deltas, one
 * per token, each serialised when due; where the role chunk would ride with the first token, the
 * role goes into the call's first delta instead ({@code {"role":"assistant","content":null,
 * "tool_calls":[...]}}, as OpenAI's API streams a call). A reasoning model thinks first: its
 * reasoning chunks (the role chunk riding with the first of them as usual), then the call.
 *
 * <p>Content chunks are spliced: Jackson serialises one chunk whose content is a placeholder, which
 * is cut out; each token's word, itself serialised by Jackson, goes in its place. The result is
 * byte for byte what Jackson would produce for the whole chunk.
 */
final class StreamEvents {

  /** When the role chunk is written, relative to the first token. */
  enum RoleWrite {
    /** There is none (legacy completions, or the role is in every delta). */
    NONE,
    /** In the same write as the first token. */
    WITH_FIRST_TOKEN,
    /** In its own write just before the first token's. */
    BEFORE_FIRST_TOKEN,
    /** In its own write as soon as the request is admitted, before its prefill time. */
    AT_ADMISSION
  }

  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(US_ASCII);
  private static final String PLACEHOLDER = "\u0000token\u0000";
  private static final byte[] PLACEHOLDER_JSON = Json.bytes(PLACEHOLDER);
  private static final byte[][] WORDS_JSON =
      GeneratedText.WORDS.stream().map(Json::bytes).toArray(byte[][]::new);
  private static final int LONGEST_WORD_BYTES =
      Arrays.stream(WORDS_JSON).mapToInt(w -> w.length).max().orElseThrow();

  private final Completion completion;
  private final @Nullable ToolCallAnswer toolCall;
  private final boolean roleInToolHeader;
  private final RoleWrite roleWrite;
  private final byte[] roleEvent;
  private final Template content;
  private final Template lastContent;
  private final Template reasoning;
  private final Template lastReasoning;
  private final int reasoningTokens;
  private final byte[] finishEvent;
  private final byte[] usageEvent;
  private final int tokens;

  /** A content chunk cut around its placeholder. */
  private record Template(byte[] prefix, byte[] suffix) {
    static Template of(ObjectNode chunk, String field) {
      byte[] frame = event(chunk);
      // "field":"<placeholder>" cannot occur inside a JSON string, whose quotes are escaped, so
      // this finds the content even when the model name contains the placeholder.
      byte[] needle = concat(("\"" + field + "\":").getBytes(US_ASCII), PLACEHOLDER_JSON);
      int at = indexOf(frame, needle) + needle.length - PLACEHOLDER_JSON.length;
      return new Template(
          Arrays.copyOfRange(frame, 0, at),
          Arrays.copyOfRange(frame, at + PLACEHOLDER_JSON.length, frame.length));
    }

    int maxBytes() {
      return prefix.length + LONGEST_WORD_BYTES + suffix.length;
    }
  }

  StreamEvents(Completion completion) {
    WireShape wire = completion.wire();
    boolean text = completion.textCompletion();
    tokens = completion.outputTokens();
    this.completion = completion;
    toolCall = completion.toolCall();
    RoleWrite role = text ? RoleWrite.NONE : roleWrite(wire.roleChunk());
    // After reasoning the role chunk rides with the first reasoning token as usual.
    roleInToolHeader =
        toolCall != null && role == RoleWrite.WITH_FIRST_TOKEN && completion.reasoningTokens() == 0;
    roleWrite = roleInToolHeader ? RoleWrite.NONE : role;
    roleEvent =
        roleWrite == RoleWrite.NONE
            ? new byte[0]
            : event(completion.chunk(role(completion, wire), null));

    content = template(completion, null);
    lastContent =
        wire.finishOnLastToken() ? template(completion, completion.finishReason()) : content;
    reasoningTokens = completion.reasoningTokens();
    reasoning = reasoningTokens == 0 ? content : reasoningTemplate(completion, null);
    lastReasoning =
        reasoningTokens == 0 || !wire.finishOnLastToken()
            ? reasoning
            : reasoningTemplate(completion, completion.finishReason());

    boolean usageOnFinish = text && wire.textUsageOnFinishChunk() && completion.streamUsage();
    if (wire.finishOnLastToken()) {
      finishEvent = new byte[0];
    } else if (usageOnFinish) {
      finishEvent = event(completion.textFinishWithUsage());
    } else {
      finishEvent =
          event(
              text
                  ? completion.textChunk("", completion.finishReason())
                  : completion.chunk(delta(completion, wire, ""), completion.finishReason()));
    }
    usageEvent =
        completion.streamUsage() && !usageOnFinish ? event(completion.usageChunk()) : new byte[0];
  }

  private static RoleWrite roleWrite(WireShape.RoleChunk role) {
    return switch (role) {
      case EMPTY_WITH_FIRST_TOKEN, NULL_WITH_FIRST_TOKEN -> RoleWrite.WITH_FIRST_TOKEN;
      case EMPTY_OWN_WRITE -> RoleWrite.BEFORE_FIRST_TOKEN;
      case EMPTY_AT_PREFILL -> RoleWrite.AT_ADMISSION;
      case IN_EVERY_DELTA -> RoleWrite.NONE;
    };
  }

  private static ObjectNode role(Completion completion, WireShape wire) {
    ObjectNode delta = completion.newDelta().put("role", "assistant");
    return wire.roleChunk() == WireShape.RoleChunk.NULL_WITH_FIRST_TOKEN
        ? delta.putNull("content")
        : delta.put("content", "");
  }

  /**
   * A chat delta with {@code content} (the finish chunk's: empty): {@code {"content":...}}, or with
   * the role beside it where every delta carries one; the finish chunk's is {@code {}} otherwise.
   */
  private static ObjectNode delta(Completion completion, WireShape wire, String text) {
    ObjectNode delta = completion.newDelta();
    if (wire.roleChunk() == WireShape.RoleChunk.IN_EVERY_DELTA) {
      return delta.put("role", "assistant").put("content", text);
    }
    return text.isEmpty() ? delta : delta.put("content", text);
  }

  private static Template template(Completion completion, @Nullable String finishReason) {
    if (completion.textCompletion()) {
      return Template.of(completion.textChunk(PLACEHOLDER, finishReason), "text");
    }
    return Template.of(
        completion.chunk(delta(completion, completion.wire(), PLACEHOLDER), finishReason),
        "content");
  }

  /**
   * A chat chunk carrying reasoning text: {@code {"<field>":...}}, or where every delta carries the
   * role, the role and an empty content beside it (Ollama: ollama/ollama openai/openai.go ToChunk).
   */
  private static Template reasoningTemplate(Completion completion, @Nullable String finishReason) {
    WireShape wire = completion.wire();
    String field = wire.reasoning().field();
    ObjectNode delta = completion.newDelta();
    if (wire.roleChunk() == WireShape.RoleChunk.IN_EVERY_DELTA) {
      delta.put("role", "assistant").put("content", "");
    }
    delta.put(field, PLACEHOLDER);
    return Template.of(completion.chunk(delta, finishReason), field);
  }

  RoleWrite roleWrite() {
    return roleWrite;
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

  /** Writes nothing when there is no role chunk. */
  void writeRole(ByteBuf out) {
    out.writeBytes(roleEvent);
  }

  /**
   * The first {@code reasoningTokens} tokens are reasoning; the last token's chunk carries the
   * finish reason where the family does so.
   */
  void writeToken(ByteBuf out, int tokenIndex) {
    if (toolCall != null && tokenIndex >= reasoningTokens) {
      out.writeBytes(toolCallEvent(tokenIndex));
      return;
    }
    boolean last = tokenIndex == tokens - 1;
    Template t =
        tokenIndex < reasoningTokens
            ? (last ? lastReasoning : reasoning)
            : (last ? lastContent : content);
    out.writeBytes(t.prefix)
        .writeBytes(WORDS_JSON[tokenIndex % WORDS_JSON.length])
        .writeBytes(t.suffix);
  }

  /**
   * Token {@code tokenIndex} of a tool call, the first after any reasoning: the header (with the
   * role where it rides with the first token) or an arguments piece; every delta carries the role
   * where the family does so.
   */
  private byte[] toolCallEvent(int tokenIndex) {
    int callIndex = tokenIndex - reasoningTokens;
    ObjectNode delta = completion.newDelta();
    boolean everyDelta = completion.wire().roleChunk() == WireShape.RoleChunk.IN_EVERY_DELTA;
    if (everyDelta || (callIndex == 0 && roleInToolHeader)) {
      delta.put("role", "assistant");
    }
    if (callIndex == 0 && roleInToolHeader) {
      delta.putNull("content");
    }
    toolCall.putDelta(delta, callIndex);
    boolean last = tokenIndex == tokens - 1 && completion.wire().finishOnLastToken();
    return event(completion.chunk(delta, last ? completion.finishReason() : null));
  }

  /** Writes nothing when the last token carried the finish reason. */
  void writeFinish(ByteBuf out) {
    out.writeBytes(finishEvent);
  }

  /** Writes nothing when the client did not ask for usage or it rode on the finish chunk. */
  void writeUsage(ByteBuf out) {
    out.writeBytes(usageEvent);
  }

  void writeDone(ByteBuf out) {
    out.writeBytes(DONE);
  }

  /**
   * Upper bound of the size of token {@code tokenIndex}'s write; the first may also carry the role
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
    // A tool call's events are sized when made; this is only the buffer's first capacity then.
    return Math.max(
        Math.max(content.maxBytes(), lastContent.maxBytes()),
        Math.max(reasoning.maxBytes(), lastReasoning.maxBytes()));
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

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new IllegalStateException("placeholder not found in " + new String(haystack, UTF_8));
  }
}
