package onlinebench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's own prompt token count, reported as {@code usage.prompt_tokens}.
 *
 * <p>A token is a run of letters, a run of digits, or any other single non-space character (regex
 * {@code \p{L}+|\p{N}+|[^\p{L}\p{N}\s]}): {@code "Hello, world 42!"} is 5 tokens. It is counted
 * over the {@code content} of every message: string content directly; for array content, the {@code
 * text} of each part of type {@code text}; other parts (images, audio) count nothing; an assistant
 * message's {@code tool_calls} count their function names and arguments. Roles and the chat
 * template count nothing either, unlike real servers (see notes/openai-wire-format.md), so the
 * count is exactly predictable from the prompt text. {@link PromptCounting} can make it differ.
 */
final class PromptTokenCounter {

  private static final Pattern TOKEN = Pattern.compile("\\p{L}+|\\p{N}+|[^\\p{L}\\p{N}\\s]");

  private PromptTokenCounter() {}

  /** Counts over a validated {@code messages} array. */
  static int countMessages(JsonNode messages) {
    return (int) sumOverTexts(messages, PromptTokenCounter::count);
  }

  /** Characters (UTF-16 units) of the same texts, for {@link PromptCounting.Tokenizer#CHARS}. */
  static long characters(JsonNode messages) {
    return sumOverTexts(messages, String::length);
  }

  private static long sumOverTexts(JsonNode messages, ToIntFunction<String> measure) {
    long[] total = {0};
    visitTexts(messages, text -> total[0] += measure.applyAsInt(text));
    return total[0];
  }

  /** Receives the texts of a {@code messages} array in prompt order. */
  interface TextVisitor {
    /** A message begins; its role ({@code ""} when absent) comes before its texts. */
    default void message(String role) {}

    void text(String text);
  }

  /**
   * Every text a chat template would put in the prompt: each message's string {@code content} or
   * the {@code text} of its {@code text} parts, then, for an assistant message with {@code
   * tool_calls}, each call's {@code function.name} and {@code function.arguments} (a real server's
   * template writes the calls of earlier turns into the prompt too).
   */
  static void visitTexts(JsonNode messages, TextVisitor visitor) {
    for (JsonNode message : messages) {
      visitor.message(message.path("role").asText(""));
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        visitor.text(content.textValue());
      } else if (content.isArray()) {
        for (JsonNode part : content) {
          JsonNode text = part.path("text");
          if ("text".equals(part.path("type").asText()) && text.isTextual()) {
            visitor.text(text.textValue());
          }
        }
      }
      for (JsonNode call : message.path("tool_calls")) {
        JsonNode function = call.path("function");
        for (String field : new String[] {"name", "arguments"}) {
          if (function.path(field).isTextual()) {
            visitor.text(function.path(field).textValue());
          }
        }
      }
    }
  }

  /** Passes each token of {@code text}, by the words rule, to {@code token}. */
  static void forEachToken(CharSequence text, Consumer<CharSequence> token) {
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      token.accept(text.subSequence(m.start(), m.end()));
    }
  }

  static int count(CharSequence text) {
    int n = 0;
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      n++;
    }
    return n;
  }
}
