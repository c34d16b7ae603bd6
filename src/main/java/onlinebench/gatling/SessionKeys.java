package onlinebench.gatling;

/** Session attributes the chat action sets after each response, for user code that wants them. */
public final class SessionKeys {
  /** {@code usage.prompt_tokens} of the last response, when the server sent it. */
  public static final String PROMPT_TOKENS = "llm.promptTokens";

  /** Output tokens of the last response: usage, or counted stream chunks. */
  public static final String COMPLETION_TOKENS = "llm.completionTokens";

  private SessionKeys() {}
}
