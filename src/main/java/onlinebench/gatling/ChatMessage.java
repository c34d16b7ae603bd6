package onlinebench.gatling;

import java.util.List;
import java.util.Objects;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * One message of a chat request: what {@link ChatRequestActionBuilder#messages} and {@link
 * ChatRequestActionBuilder#toolResults} return and what a conversation history ({@link
 * ChatRequestActionBuilder#conversation}) holds in the session. Immutable. Sent in OpenAI's shapes
 * (API reference, chat messages): {@code {"role","content"}}; an assistant message that called
 * tools adds {@code tool_calls} and may have {@code "content": null}; a {@code tool} message, the
 * result of one call, adds {@code tool_call_id}.
 *
 * @param role {@code system}, {@code user}, {@code assistant}, {@code tool} or any role the server
 *     accepts
 * @param content the message text; null only for an assistant message with tool calls
 * @param toolCalls the calls an assistant message made; empty for any other message
 * @param toolCallId the call a {@code tool} message answers; null for any other message
 */
public record ChatMessage(
    String role, @Nullable String content, List<ToolCall> toolCalls, @Nullable String toolCallId) {

  public ChatMessage {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("a chat message needs a role, e.g. \"user\"");
    }
    toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls (empty for none)"));
    if (toolCalls.isEmpty()) {
      Objects.requireNonNull(content, "content (a chat message's text; \"\" is allowed)");
    }
    if (role.equals("tool") && (toolCallId == null || toolCallId.isBlank())) {
      throw new IllegalArgumentException(
          "a tool message needs the id of the tool call it answers: ChatMessage.tool(call.id(),"
              + " result)");
    }
  }

  /** A message of text only. */
  public ChatMessage(String role, String content) {
    this(role, content, List.of(), null);
  }

  /** A {@code system} message. */
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  /** A {@code user} message. */
  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  /** An {@code assistant} message: an earlier answer. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }

  /**
   * An {@code assistant} message that called tools, with its text if it had any (null for none).
   */
  public static ChatMessage assistant(@Nullable String content, List<ToolCall> toolCalls) {
    return new ChatMessage("assistant", content, toolCalls, null);
  }

  /** A {@code tool} message: the result of the call {@code toolCallId}, as text. */
  public static ChatMessage tool(String toolCallId, String content) {
    return new ChatMessage("tool", content, List.of(), toolCallId);
  }

  /** This message as the request sends it. */
  ChatPrompt.Message toPrompt() {
    return new ChatPrompt.Message(role, content, toolCalls, toolCallId);
  }

  /** A message sent in a request, as a history keeps it. */
  static ChatMessage of(ChatPrompt.Message m) {
    return new ChatMessage(m.role(), m.content(), m.toolCalls(), m.toolCallId());
  }
}
