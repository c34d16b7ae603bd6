package onlinebench.prompt;

import java.util.List;

/**
 * What one request sends: the conversation and how many tokens of answer it asks for.
 *
 * @param messages the chat messages in order, at least one
 * @param maxTokens {@code max_tokens} of this request, at least 1
 */
public record ChatPrompt(List<Message> messages, int maxTokens) {

  /** One chat message, e.g. {@code {"role":"user","content":"..."}}. */
  public record Message(String role, String content) {}

  public ChatPrompt {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a prompt needs at least one message");
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
    }
  }

  /** A single user message. */
  public static ChatPrompt user(String content, int maxTokens) {
    return new ChatPrompt(List.of(new Message("user", content)), maxTokens);
  }
}
