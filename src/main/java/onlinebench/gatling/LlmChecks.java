package onlinebench.gatling;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks for {@link ChatRequestActionBuilder#check(LlmCheck...)}, in the style of Gatling's {@code
 * status().is(200)}:
 *
 * <pre>{@code
 * chat("ask").userMessage("#{question}")
 *     .check(LlmChecks.answer().contains("Paris"), LlmChecks.answer().matches("\\d+ km"))
 * }</pre>
 *
 * See {@link LlmCheck} for what a failed check does.
 */
public final class LlmChecks {
  private LlmChecks() {}

  /** Checks on the assistant's answer text (streamed pieces joined, or the message content). */
  public static Answer answer() {
    return new Answer();
  }

  /** Checks on the HTTP status of the answer. */
  public static Status status() {
    return new Status();
  }

  /** Builds checks on the answer text. */
  public static final class Answer {
    private Answer() {}

    /** The answer contains {@code text}. */
    public LlmCheck contains(String text) {
      Objects.requireNonNull(text, "answer().contains needs a text");
      return on("answer contains \"" + text + "\"", a -> a.contains(text));
    }

    /**
     * Some part of the answer matches the Java regular expression {@code regex} (a find, as
     * Gatling's {@code regex} check does; anchor it with {@code ^...$} to match the whole answer).
     */
    public LlmCheck matches(String regex) {
      Pattern pattern;
      try {
        pattern = Pattern.compile(Objects.requireNonNull(regex, "answer().matches needs a regex"));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "answer().matches needs a Java regular expression, got \""
                + regex
                + "\": "
                + e.getDescription());
      }
      return on("answer matches /" + regex + "/", a -> pattern.matcher(a).find());
    }

    /**
     * The answer satisfies {@code predicate}; {@code description} names the rule in the failure
     * message (e.g. {@code "answer is short"}).
     */
    public LlmCheck satisfies(Predicate<String> predicate, String description) {
      Objects.requireNonNull(predicate, "answer().satisfies needs a predicate");
      if (description == null || description.isBlank()) {
        throw new IllegalArgumentException(
            "answer().satisfies needs a description for its failure message");
      }
      return on(description, predicate);
    }

    private static LlmCheck on(String description, Predicate<String> test) {
      return new LlmCheck(description, true, o -> o.answer() != null && test.test(o.answer()));
    }
  }

  /** Builds checks on the HTTP status. */
  public static final class Status {
    private Status() {}

    /**
     * The status is {@code expected}. A status other than 200 already fails the request with its
     * own error kind ({@code http_4xx}, {@code http_429}, {@code http_5xx}), so this check can only
     * confirm a 200.
     */
    public LlmCheck is(int expected) {
      if (expected < 100 || expected > 599) {
        throw new IllegalArgumentException(
            "status().is needs an HTTP status from 100 to 599, got " + expected);
      }
      return new LlmCheck("status is " + expected, false, o -> o.httpStatus() == expected);
    }
  }
}
