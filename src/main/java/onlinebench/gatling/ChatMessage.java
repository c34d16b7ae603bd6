package onlinebench.gatling;

import java.util.Objects;

/**
 * One message of a chat request, {@code {"role": ..., "content": ...}}: what {@link
 * ChatRequestActionBuilder#messages} returns and what a conversation history ({@link
 * ChatRequestActionBuilder#conversation}) holds in the session. Immutable.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or any role the server accepts
 * @param content the message text
 */
public record ChatMessage(String role, String content) {

  public ChatMessage {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("a chat message needs a role, e.g. \"user\"");
    }
    Objects.requireNonNull(content, "content (a chat message's text; \"\" is allowed)");
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
}
