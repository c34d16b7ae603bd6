package onlinebench.gatling;

import io.gatling.core.session.Session;
import java.util.ArrayList;
import java.util.List;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;
import scala.Option;

/**
 * A turn of the built-in conversation workload: the request sends the system prompt, the session's
 * history (earlier user messages and the server's answers) and then the prompt the feeder put in
 * the session, as the new user message. After a successful answer the history grows by that message
 * and the answer; a failed turn leaves it as it was. Immutable; shared by every user of a level,
 * each user's history in its own session.
 */
final class ConversationTurn implements ChatTurn {
  /** The session attribute holding the history, an immutable {@code List<ChatPrompt.Message>}. */
  static final String HISTORY = "llm.conversation";

  /** The session attribute counting the turns sent so far in the session: 0 before the first. */
  static final String TURN_COUNTER = "llm.turn";

  private final @Nullable String systemPrompt;

  /**
   * @param systemPrompt the system message that starts every session; null for none
   */
  ConversationTurn(@Nullable String systemPrompt) {
    this.systemPrompt = systemPrompt;
  }

  @Override
  public ChatPrompt prompt(Session session) throws NoPrompt {
    ChatPrompt fed = FedPromptTurn.INSTANCE.prompt(session);
    List<ChatPrompt.Message> sent = new ArrayList<>();
    if (systemPrompt != null) {
      sent.add(new ChatPrompt.Message("system", systemPrompt));
    }
    sent.addAll(history(session));
    sent.addAll(fed.messages());
    return new ChatPrompt(sent, fed.maxTokens());
  }

  /** Stamps the request with its turn: the session's count of turns before it, plus one. */
  @Override
  public RequestRecord describe(Session session, RequestRecord record) {
    return stampTurn(session, record);
  }

  /** The record stamped with its turn: the session's count of turns before it, plus one. */
  static RequestRecord stampTurn(Session session, RequestRecord record) {
    Option<Object> before = session.attributes().get(TURN_COUNTER);
    return record.withTurn(before.isDefined() ? ((Number) before.get()).intValue() + 1 : 1);
  }

  @Override
  public Session after(
      Session session,
      ChatPrompt sent,
      RequestRecord record,
      @Nullable String answer,
      List<ToolCall> toolCalls) {
    if (!record.ok()) {
      return session;
    }
    // an answer without text (a tool call's null content) is kept as empty text
    return session.set(
        HISTORY,
        grownHistory(
            session,
            sent,
            systemPrompt != null,
            new ChatPrompt.Message("assistant", answer == null ? "" : answer)));
  }

  /**
   * The session's history grown by what {@code sent} added after the system prompt and the history
   * (the new user message, or an agent's tool results), then by the {@code answer}.
   */
  static List<ChatPrompt.Message> grownHistory(
      Session session, ChatPrompt sent, boolean hasSystemPrompt, ChatPrompt.Message answer) {
    List<ChatPrompt.Message> grown = new ArrayList<>(history(session));
    int before = grown.size() + (hasSystemPrompt ? 1 : 0);
    grown.addAll(sent.messages().subList(before, sent.messages().size()));
    grown.add(answer);
    return List.copyOf(grown);
  }

  @Override
  public boolean keepsAnswer() {
    return true;
  }

  /** The history in the session; empty at a session's start. */
  @SuppressWarnings("unchecked")
  static List<ChatPrompt.Message> history(Session session) {
    Option<Object> held = session.attributes().get(HISTORY);
    return held.isDefined() ? (List<ChatPrompt.Message>) held.get() : List.of();
  }
}
