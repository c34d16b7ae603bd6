package onlinebench.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The built-in conversation workload ({@code -Dworkload=conversation}): each virtual user holds
 * sessions, one after another, each of several turns; every turn sends the whole history so far
 * (the system prompt, earlier user messages and the server's real answers) and a new user message
 * sized by {@code promptTokens}.
 *
 * @param turns requests per session: fixed or drawn per session ({@link LengthSpec}'s forms)
 * @param thinkTimeMillis the pause between a turn's answer and the next turn's send, in
 *     milliseconds: fixed or drawn per turn ({@link LengthSpec}'s forms); empty for none
 * @param systemPromptTokens the length of the system message every session starts with, the same
 *     text in every session (an application's system prompt); 0 for none
 * @param sessions this run's sessions (the whole load's, before any injector share); empty when
 *     {@code -Dduration} bounds the run instead
 */
public record SessionWorkload(
    LengthSpec turns,
    Optional<LengthSpec> thinkTimeMillis,
    int systemPromptTokens,
    OptionalInt sessions) {

  public SessionWorkload {
    if (systemPromptTokens < 0) {
      throw new IllegalArgumentException(
          "systemPromptTokens must be >= 0, got " + systemPromptTokens);
    }
    if (sessions.isPresent() && sessions.getAsInt() < 1) {
      throw new IllegalArgumentException("sessions must be >= 1, got " + sessions.getAsInt());
    }
  }
}
