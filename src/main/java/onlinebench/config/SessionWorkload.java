package onlinebench.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The built-in session workloads. Conversation ({@code -Dworkload=conversation}): each virtual user
 * holds sessions, one after another, each of several turns; every turn sends the whole history so
 * far (the system prompt, earlier user messages and the server's real answers) and a new user
 * message sized by {@code promptTokens}. Agent ({@code -Dworkload=agent}): a session is one task;
 * every request offers tools, and while the model answers with tool calls the user waits the tool
 * time and sends their results (sized by {@code promptTokens}), until a text answer or the turn
 * limit.
 *
 * @param turns requests per session: fixed or drawn per session ({@link LengthSpec}'s forms)
 * @param thinkTimeMillis the pause between a turn's answer and the next turn's send, in
 *     milliseconds: fixed or drawn per turn ({@link LengthSpec}'s forms); empty for none
 * @param systemPromptTokens the length of the system message every session starts with, the same
 *     text in every session (an application's system prompt); 0 for none
 * @param sessions this run's sessions (the whole load's, before any injector share); empty when
 *     {@code -Dduration} bounds the run instead
 * @param agent whether sessions are agent tasks ({@code -Dworkload=agent}) rather than
 *     conversations; then {@code turns} is the most requests a task may send
 * @param toolTimeMillis an agent's pause between a tool-call answer and sending the results, in
 *     milliseconds, as {@code thinkTimeMillis}; empty for none (and for a conversation)
 */
public record SessionWorkload(
    LengthSpec turns,
    Optional<LengthSpec> thinkTimeMillis,
    int systemPromptTokens,
    OptionalInt sessions,
    boolean agent,
    Optional<LengthSpec> toolTimeMillis) {

  /** {@code conversation} or {@code agent}, as {@code -Dworkload} names it. */
  public String name() {
    return agent ? "agent" : "conversation";
  }

  /** A conversation workload. */
  public SessionWorkload(
      LengthSpec turns,
      Optional<LengthSpec> thinkTimeMillis,
      int systemPromptTokens,
      OptionalInt sessions) {
    this(turns, thinkTimeMillis, systemPromptTokens, sessions, false, Optional.empty());
  }

  public SessionWorkload {
    if (systemPromptTokens < 0) {
      throw new IllegalArgumentException(
          "systemPromptTokens must be >= 0, got " + systemPromptTokens);
    }
    if (sessions.isPresent() && sessions.getAsInt() < 1) {
      throw new IllegalArgumentException("sessions must be >= 1, got " + sessions.getAsInt());
    }
    if (!agent && toolTimeMillis.isPresent()) {
      throw new IllegalArgumentException("toolTime applies only to an agent workload");
    }
  }
}
