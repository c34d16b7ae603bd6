package onlinebench.simulator;

import java.util.Objects;

/**
 * How a server family streams a reasoning model's thinking ({@code sim.reasoningTokens}) and counts
 * it in {@code usage}.
 *
 * @param field the delta's (and the non-streamed message's) field carrying reasoning text
 * @param count where {@code usage} says how many of the completion tokens were reasoning
 */
public record ReasoningShape(String field, Count count) {

  /** Where the reasoning token count goes in {@code usage}. */
  public enum Count {
    /** Nowhere: the client can only count reasoning chunks. */
    NONE,
    /** {@code usage.completion_tokens_details.reasoning_tokens} (OpenAI's API reference). */
    DETAILS,
    /** {@code usage.reasoning_tokens} (SGLang). */
    TOP_LEVEL
  }

  /**
   * {@code reasoning_content} (the field most servers use; OpenAI's own Chat Completions stream no
   * reasoning text) counted in {@code completion_tokens_details}, as OpenAI counts it.
   */
  public static final ReasoningShape OPENAI =
      new ReasoningShape("reasoning_content", Count.DETAILS);

  public ReasoningShape {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(count, "count");
  }
}
