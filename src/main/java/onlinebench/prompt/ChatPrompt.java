package onlinebench.prompt;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one request sends: the conversation and how many tokens of answer it asks for.
 *
 * @param messages the chat messages in order, at least one
 * @param maxTokens {@code max_tokens} of this request, at least 1
 */
public record ChatPrompt(List<Message> messages, int maxTokens) {

  /**
   * One chat message, e.g. {@code {"role":"user","content":"..."}}; an assistant message may carry
   * the tool calls the model made, and a {@code tool} message names the call it answers.
   *
   * @param role {@code system}, {@code user}, {@code assistant}, {@code tool}, ...
   * @param content the text; null only for an assistant message with tool calls (OpenAI's API
   *     reference: content is optional when tool_calls is given)
   * @param toolCalls the calls an assistant message made; empty otherwise
   * @param toolCallId the call a {@code tool} message answers; null otherwise
   */
  public record Message(
      String role,
      @Nullable String content,
      List<ToolCall> toolCalls,
      @Nullable String toolCallId) {

    public Message {
      toolCalls = List.copyOf(toolCalls);
      if (content == null && toolCalls.isEmpty()) {
        throw new IllegalArgumentException(
            "a " + role + " message needs content; only tool calls may stand without it");
      }
    }

    /** A message of text only. */
    public Message(String role, String content) {
      this(role, content, List.of(), null);
    }

    /**
     * The assistant's answer as a history keeps it: its text ({@code ""} for none) when it called
     * no tool; else its calls, with {@code "content": null} when it had no text, as OpenAI answers
     * a call and takes it back (API reference, chat messages).
     */
    public static Message answer(@Nullable String text, List<ToolCall> toolCalls) {
      String content = text == null ? "" : text;
      return toolCalls.isEmpty()
          ? new Message("assistant", content)
          : new Message("assistant", content.isEmpty() ? null : content, toolCalls, null);
    }
  }

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
