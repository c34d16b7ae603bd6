package onlinebench.gatling;

/** Session attributes the chat action sets after each response, for user code that wants them. */
public final class SessionKeys {
  /** {@code usage.prompt_tokens} of the last response, when the server sent it. */
  public static final String PROMPT_TOKENS = "llm.promptTokens";

  /** Output tokens of the last response: usage, or counted stream chunks. */
  public static final String COMPLETION_TOKENS = "llm.completionTokens";

  /**
   * The open model's intended send time of the user's next request ({@link System#nanoTime()}
   * base), set while the user waits for it; the chat action copies it into the request's record.
   */
  public static final String INTENDED_START_NANOS = "llm.intendedStartNanos";

  /** When a ramped-up closed-model user starts its measured loop. */
  static final String RAMP_START_NANOS = "llm.rampStartNanos";

  /** Whether a search step's level uses this user of its slot (the rest end at the rendezvous). */
  static final String SEARCH_ADMITTED = "llm.searchAdmitted";

  private SessionKeys() {}
}
