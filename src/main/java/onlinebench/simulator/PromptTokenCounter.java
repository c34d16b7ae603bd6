package onlinebench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's own prompt token count, reported as {@code usage.prompt_tokens}.
 *
 * <p>A token is a run of letters, a run of digits, or any other single non-space character (regex
 * {@code \p{L}+|\p{N}+|[^\p{L}\p{N}\s]}): {@code "Hello, world 42!"} is 5 tokens. It is counted
 * over the {@code content} of every message: string content directly; for array content, the {@code
 * text} of each part of type {@code text}; other parts (images, audio) count nothing. Roles and the
 * chat template count nothing either, unlike real servers (see notes/openai-wire-format.md), so the
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
    long total = 0;
    for (JsonNode message : messages) {
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        total += measure.applyAsInt(content.textValue());
      } else if (content.isArray()) {
        for (JsonNode part : content) {
          JsonNode text = part.path("text");
          if ("text".equals(part.path("type").asText()) && text.isTextual()) {
            total += measure.applyAsInt(text.textValue());
          }
        }
      }
    }
    return total;
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
