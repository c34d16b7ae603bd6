package onlinebench.prompt;

/** What a dataset's entries look like; one format per file. */
public enum DatasetFormat {
  /**
   * OpenAI chat: {@code {"messages":[{"role":"user","content":"..."}, ...]}}. The messages are sent
   * as they are, except a final assistant message, which is the reference answer.
   */
  OPENAI_MESSAGES("OpenAI messages", "\"messages\""),
  /**
   * ShareGPT: {@code {"conversations":[{"from":"human","value":"..."},{"from":"gpt",...}]}}. The
   * first human turn is sent as the one user message, as vLLM's benchmark does.
   */
  SHAREGPT("ShareGPT", "\"conversations\"");

  private final String description;
  private final String key;

  DatasetFormat(String description, String key) {
    this.description = description;
    this.key = key;
  }

  /** How a person calls it, e.g. {@code OpenAI messages}. */
  public String description() {
    return description;
  }

  /** The JSON key that marks an entry of this format, quoted. */
  String key() {
    return key;
  }
}
