package onlinebench.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference reading of one chunk, with Jackson's streaming {@link JsonParser} (no tree). Used
 * for the events {@link ChunkScanner} is unsure about: usage, finish and error chunks, and invalid
 * data.
 *
 * <p>The data must be exactly one JSON object, optionally surrounded by whitespace.
 */
final class ChunkJsonReader {

  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private ChunkJsonReader() {}

  /**
   * What one chunk says, as far as a benchmark cares.
   *
   * @param carriesText some choice's delta has a non-empty content, reasoning_content or reasoning,
   *     or some choice has a non-empty text (legacy completions)
   * @param carriesAnswer some choice's delta has a non-empty content, or some choice a non-empty
   *     text: answer, not reasoning only
   * @param finishReasons the non-null string finish reasons, in choice order
   * @param hasUsage a {@code usage} object is present
   * @param promptTokens {@code usage.prompt_tokens}, -1 when absent
   * @param completionTokens {@code usage.completion_tokens}, -1 when absent
   * @param reasoningTokens {@code usage.completion_tokens_details.reasoning_tokens}, else {@code
   *     usage.reasoning_tokens}; -1 when neither is an integer
   * @param cachedTokens {@code usage.prompt_tokens_details.cached_tokens}; -1 when absent or null
   * @param hasError a non-null top-level {@code error} is present
   * @param errorMessage {@code error.message} or the bare error string; null when neither exists
   * @param answerText the chunk's {@code delta.content} or {@code text}, concatenated over its
   *     choices, when read with answers and non-empty; null otherwise
   * @param toolCallPieces the chunk's {@code delta.tool_calls} pieces, in order, when read with
   *     answers; empty otherwise
   */
  record Chunk(
      boolean carriesText,
      boolean carriesAnswer,
      List<String> finishReasons,
      boolean hasUsage,
      long promptTokens,
      long completionTokens,
      long reasoningTokens,
      long cachedTokens,
      boolean hasError,
      String errorMessage,
      String answerText,
      List<ToolCallDelta> toolCallPieces) {}

  /** Reads {@code bytes[offset, offset + length)}; throws when it is not a single JSON object. */
  static Chunk read(byte[] bytes, int offset, int length) throws IOException {
    return read(bytes, offset, length, false);
  }

  /** As {@link #read(byte[], int, int)}, also keeping the answer text when {@code withAnswer}. */
  static Chunk read(byte[] bytes, int offset, int length, boolean withAnswer) throws IOException {
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "expected a JSON object");
      }
      Builder chunk = new Builder(withAnswer);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "choices" -> readChoices(p, value, chunk);
          case "usage" -> readUsage(p, value, chunk);
          case "error" -> readError(p, value, chunk);
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new JsonParseException(p, "unexpected end of data inside the JSON object");
      }
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "unexpected data after the JSON object");
      }
      return chunk.build();
    }
  }

  private static void readChoices(JsonParser p, JsonToken value, Builder chunk) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == null) {
        throw new JsonParseException(p, "unexpected end of data inside choices");
      }
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("delta") && v == JsonToken.START_OBJECT) {
          readDelta(p, chunk);
        } else if (name.equals("text") && v == JsonToken.VALUE_STRING) {
          chunk.carriesText |= p.getTextLength() > 0;
          chunk.carriesAnswer |= p.getTextLength() > 0;
          chunk.answer(p, true);
        } else if (name.equals("finish_reason") && v == JsonToken.VALUE_STRING) {
          chunk.finishReasons.add(p.getText());
        } else {
          p.skipChildren();
        }
      }
    }
  }

  private static void readDelta(JsonParser p, Builder chunk) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      boolean answer = name.equals("content");
      boolean textField = answer || name.equals("reasoning_content") || name.equals("reasoning");
      if (name.equals("tool_calls") && v == JsonToken.START_ARRAY) {
        readToolCalls(p, chunk);
      } else if (textField && v == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
        chunk.carriesText = true;
        chunk.carriesAnswer |= answer;
        // answer text streams in delta.content; the role chunk's content is null or ""
        // (shared/wire/llama.cpp/chat-stream.txt; vLLM and OpenAI alike)
        chunk.answer(p, name.equals("content"));
      } else {
        p.skipChildren();
      }
    }
  }

  /**
   * {@code delta.tool_calls}: each piece's {@code index}, {@code id}, {@code function.name} and
   * {@code function.arguments} (see {@link ToolCallDelta} for the sources). A piece with a
   * non-empty name or arguments carries generated text: the model wrote it, and servers count it in
   * {@code completion_tokens}, so it is a token chunk, and answer rather than reasoning. Names and
   * arguments are decoded only when the chunk is read with answers.
   */
  private static void readToolCalls(JsonParser p, Builder chunk) throws IOException {
    int position = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == null) {
        throw new JsonParseException(p, "unexpected end of data inside tool_calls");
      }
      if (t != JsonToken.START_OBJECT) {
        p.skipChildren();
        position++;
        continue;
      }
      int index = position++; // OpenAI requires index; a server leaving it out means the position
      String id = null;
      String name = null;
      String arguments = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("index") && v == JsonToken.VALUE_NUMBER_INT) {
          index = p.getIntValue();
        } else if (field.equals("id") && v == JsonToken.VALUE_STRING) {
          id = chunk.withAnswer ? p.getText() : null;
        } else if (field.equals("function") && v == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String part = p.currentName();
            JsonToken pv = p.nextToken();
            boolean generated = part.equals("name") || part.equals("arguments");
            if (generated && pv == JsonToken.VALUE_STRING) {
              boolean carries = p.getTextLength() > 0;
              chunk.carriesText |= carries;
              chunk.carriesAnswer |= carries;
              if (chunk.withAnswer) {
                if (part.equals("name")) {
                  name = p.getText();
                } else {
                  arguments = p.getText();
                }
              }
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (chunk.withAnswer) {
        chunk.toolCallPieces.add(new ToolCallDelta(index, id, name, arguments));
      }
    }
  }

  private static void readUsage(JsonParser p, JsonToken value, Builder chunk) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren(); // "usage": null is what OpenAI sends on every chunk but the last
      return;
    }
    chunk.hasUsage = true;
    long detailsReasoning = -1;
    long topLevelReasoning = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("prompt_tokens")) {
        chunk.promptTokens = longOrAbsent(p);
      } else if (name.equals("completion_tokens")) {
        chunk.completionTokens = longOrAbsent(p);
      } else if (name.equals("reasoning_tokens")) {
        topLevelReasoning = longOrAbsent(p); // SGLang's place
      } else if (name.equals("completion_tokens_details")
          && p.currentToken() == JsonToken.START_OBJECT) {
        detailsReasoning = readDetails(p, "reasoning_tokens"); // OpenAI's place
      } else if (name.equals("prompt_tokens_details")
          && p.currentToken() == JsonToken.START_OBJECT) {
        // OpenAI's API reference (usage.prompt_tokens_details.cached_tokens); vLLM's
        // PromptTokenUsageInfo (vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py) may
        // send it null; SGLang sends "prompt_tokens_details":null (skipped here: not an object)
        chunk.cachedTokens = readDetails(p, "cached_tokens");
      } else {
        p.skipChildren();
      }
    }
    chunk.reasoningTokens = detailsReasoning >= 0 ? detailsReasoning : topLevelReasoning;
  }

  /** The count {@code field} of a usage details object, -1 when absent or not an integer. */
  private static long readDetails(JsonParser p, String field) throws IOException {
    long count = -1;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals(field)) {
        count = longOrAbsent(p);
      } else {
        p.skipChildren();
      }
    }
    return count;
  }

  private static long longOrAbsent(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      p.skipChildren();
      return -1;
    }
    JsonParser.NumberType type = p.getNumberType();
    return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
        ? p.getLongValue()
        : -1;
  }

  private static void readError(JsonParser p, JsonToken value, Builder chunk) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return;
    }
    chunk.hasError = true;
    if (value == JsonToken.VALUE_STRING) {
      chunk.errorMessage = p.getText();
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("message") && v == JsonToken.VALUE_STRING) {
        chunk.errorMessage = p.getText();
      } else {
        p.skipChildren();
      }
    }
  }

  private static final class Builder {
    private final boolean withAnswer;
    private StringBuilder answerText;
    boolean carriesText;
    boolean carriesAnswer;
    final List<String> finishReasons = new ArrayList<>(1);
    boolean hasUsage;
    long promptTokens = -1;
    long completionTokens = -1;
    long reasoningTokens = -1;
    long cachedTokens = -1;
    boolean hasError;
    String errorMessage;
    final List<ToolCallDelta> toolCallPieces = new ArrayList<>(0);

    Builder(boolean withAnswer) {
      this.withAnswer = withAnswer;
    }

    /** Keeps the current string value as answer text when asked to and {@code isAnswer}. */
    void answer(JsonParser p, boolean isAnswer) throws IOException {
      if (!withAnswer || !isAnswer || p.getTextLength() == 0) {
        return;
      }
      if (answerText == null) {
        answerText = new StringBuilder();
      }
      answerText.append(p.getText());
    }

    Chunk build() {
      return new Chunk(
          carriesText,
          carriesAnswer,
          List.copyOf(finishReasons),
          hasUsage,
          promptTokens,
          completionTokens,
          reasoningTokens,
          cachedTokens,
          hasError,
          errorMessage,
          answerText == null ? null : answerText.toString(),
          List.copyOf(toolCallPieces));
    }
  }
}
