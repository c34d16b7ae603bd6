package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LlmChecksTest {
  private static LlmCheck.Outcome answered(String text) {
    return new LlmCheck.Outcome(200, text);
  }

  @Test
  void containsLooksForTheTextAnywhere() {
    LlmCheck check = LlmChecks.answer().contains("Paris");

    assertThat(check.failure(answered("It is Paris, of course"))).isEmpty();
    assertThat(check.failure(answered("Lyon")))
        .hasValue("check failed: answer contains \"Paris\", found answer \"Lyon\"");
    assertThat(check.failure(new LlmCheck.Outcome(200, null)))
        .hasValue("check failed: answer contains \"Paris\", found no answer text");
  }

  @Test
  void matchesFindsTheRegexAndQuotesALongAnswerShortened() {
    LlmCheck check = LlmChecks.answer().matches("\\d+ km");

    assertThat(check.failure(answered("about 465 km by road"))).isEmpty();
    assertThat(check.failure(answered("far\n" + "a".repeat(200))).orElseThrow())
        .startsWith("check failed: answer matches /\\d+ km/, found answer \"far a")
        .endsWith("...\"")
        .hasSizeLessThan(140);
  }

  @Test
  void statusAndPredicateChecksSayWhatTheyWanted() {
    assertThat(LlmChecks.status().is(200).failure(answered("x"))).isEmpty();
    assertThat(LlmChecks.status().is(201).failure(answered("x")))
        .hasValue("check failed: status is 201, found status 200");
    assertThat(
            LlmChecks.answer()
                .satisfies(a -> a.length() < 5, "answer is short")
                .failure(answered("too long an answer")))
        .hasValue("check failed: answer is short, found answer \"too long an answer\"");
  }

  @Test
  void refusesBadArgumentsWithOneLine() {
    assertThatThrownBy(() -> LlmChecks.answer().matches("("))
        .hasMessageStartingWith("answer().matches needs a Java regular expression, got \"(\": ");
    assertThatThrownBy(() -> LlmChecks.status().is(42))
        .hasMessage("status().is needs an HTTP status from 100 to 599, got 42");
    assertThatThrownBy(() -> LlmChecks.answer().satisfies(a -> true, " "))
        .hasMessage("answer().satisfies needs a description for its failure message");
  }
}
