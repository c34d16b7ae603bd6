package onlinebench.gatling;

import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One check on a chat action's answer, made by {@link LlmChecks}. Immutable. A check runs only on
 * an exchange the client already judged a success (HTTP 200 and a well-formed answer); when it
 * fails, the request is a KO in Gatling's stats with the check's message and counts as an error of
 * kind {@code bad_response}.
 *
 * <p>Not Gatling's own check machinery ({@code io.gatling.core.check}): its extractors and
 * validators are built for HTTP responses and Scala expressions; a predicate with a description
 * covers what a chat answer needs, with one clear message.
 */
public final class LlmCheck {
  private final String description;
  private final boolean needsAnswer;
  private final Predicate<Outcome> test;

  /** What a check sees of one exchange: its status and, when kept, the answer text. */
  record Outcome(int httpStatus, @Nullable String answer) {}

  LlmCheck(String description, boolean needsAnswer, Predicate<Outcome> test) {
    this.description = description;
    this.needsAnswer = needsAnswer;
    this.test = test;
  }

  /** Whether the check reads the answer text, so the action must keep it. */
  boolean needsAnswer() {
    return needsAnswer;
  }

  /** Why the check fails on this outcome, or empty when it holds. */
  Optional<String> failure(Outcome outcome) {
    if (test.test(outcome)) {
      return Optional.empty();
    }
    String found =
        needsAnswer
            ? outcome.answer() == null ? "no answer text" : "answer " + quoted(outcome.answer())
            : "status " + outcome.httpStatus();
    return Optional.of("check failed: " + description + ", found " + found);
  }

  private static String quoted(String text) {
    String line = text.replace('\n', ' ');
    return "\"" + (line.length() <= 80 ? line : line.substring(0, 77) + "...") + "\"";
  }

  @Override
  public String toString() {
    return description;
  }
}
