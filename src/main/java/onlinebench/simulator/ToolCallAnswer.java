package onlinebench.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A completion that calls one function instead of answering in text, in OpenAI's shapes.
 *
 * <p>Not streamed: {@code choices[0].message} is {@code {"role":"assistant","content":null,
 * "tool_calls":[{"id","type":"function","function":{"name","arguments"}}]}} and {@code
 * finish_reason} is {@code "tool_calls"}. Streamed: token 0 is the call's header, {@code
 * "tool_calls":[{"index":0,"id","type":"function","function":{"name","arguments":""}}]} (the
 * function name is generated output, so it is the first token); every later token is a piece of the
 * arguments, {@code "tool_calls":[{"index":0,"function":{"arguments":"<piece>"}}]}, at the token
 * pace; the finish reason is {@code "tool_calls"}. Sources: OpenAI's API reference types
 * (openai/openai-node {@code src/resources/chat/completions/completions.ts}: {@code
 * ChatCompletionMessageToolCall}, {@code ChatCompletionChunk.Choice.Delta.ToolCall} with {@code
 * index}, optional {@code id}, {@code type}, {@code function.name}); vLLM's streaming
 * (vllm-project/vllm {@code vllm/entrypoints/openai/serving_chat.py}: the first {@code
 * DeltaToolCall} carries {@code id}, {@code type="function"}, the name and the arguments so far,
 * later ones only {@code index} and an arguments piece; {@code finish_reason} {@code "tool_calls"}
 * whenever tools were streamed, even when the length limit ended it).
 *
 * <p>The arguments are a small JSON object, {@code {"<first parameter>":"the quick model ..."}}
 * (key {@code query} when the schema names no parameter), built by Jackson, with one generated word
 * per piece: a call of n tokens has n - 1 pieces (the header's {@code arguments} is {@code ""}); a
 * call of one token carries all its arguments in the header.
 *
 * @param id {@code call_sim_<n>}, n the request's number
 * @param name the called function, one of those offered
 * @param argumentPieces the arguments, in the pieces they are streamed in
 */
record ToolCallAnswer(String id, String name, List<String> argumentPieces) {

  static final String FINISH_REASON = "tool_calls";

  private static final String DEFAULT_PARAMETER = "query";

  /**
   * Decides from the request's tool stream whether it gets a tool call and, if so, which: a
   * required or named call always, an {@code auto} one when the first draw is below {@code share};
   * the function (unless named) from the second draw.
   *
   * @return null when the answer is text
   */
  static @Nullable ToolCallAnswer decide(
      ToolOffer offer, double share, SplittableRandom random, long requestNumber, int tokens) {
    if (!offer.mayCall()) {
      return null;
    }
    boolean call = random.nextDouble() < share;
    if (!call && !offer.mustCall()) {
      return null;
    }
    ToolOffer.Function function =
        offer.named() != null
            ? offer.named()
            : offer.functions().get(random.nextInt(offer.functions().size()));
    return new ToolCallAnswer(
        "call_sim_" + requestNumber, function.name(), pieces(function, Math.max(1, tokens - 1)));
  }

  private static List<String> pieces(ToolOffer.Function function, int count) {
    String key = function.firstParameter() != null ? function.firstParameter() : DEFAULT_PARAMETER;
    String value = GeneratedText.text(count).strip();
    String json = Json.MAPPER.createObjectNode().put(key, value).toString();
    // The words need no escaping, so the value sits as typed just before the closing quote and
    // brace; only the key (the client's) may have been escaped.
    int valueStart = json.length() - value.length() - 2;
    List<String> pieces = new ArrayList<>(count);
    int end = valueStart;
    for (int i = 0; i < count; i++) {
      int start = end;
      end += i == 0 ? GeneratedText.word(0).strip().length() : GeneratedText.word(i).length();
      pieces.add(json.substring(i == 0 ? 0 : start, i == count - 1 ? json.length() : end));
    }
    return List.copyOf(pieces);
  }

  /** The whole arguments string. */
  String arguments() {
    return String.join("", argumentPieces);
  }

  /**
   * Puts the delta of token {@code tokenIndex} on {@code delta}: the header for token 0, an
   * arguments piece after it.
   */
  ObjectNode putDelta(ObjectNode delta, int tokenIndex) {
    ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0);
    if (tokenIndex == 0) {
      call.put("id", id).put("type", "function");
      call.putObject("function")
          .put("name", name)
          .put("arguments", argumentPieces.size() == 1 ? arguments() : "");
    } else {
      call.putObject("function").put("arguments", argumentPieces.get(tokenIndex - 1));
    }
    return delta;
  }

  /** The non-streamed message's {@code content} (null) and {@code tool_calls}. */
  void putMessage(ObjectNode message) {
    message.putNull("content");
    ArrayNode calls = message.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", id).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", arguments());
  }
}
