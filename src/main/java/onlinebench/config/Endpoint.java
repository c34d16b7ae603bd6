package onlinebench.config;

/** Which OpenAI API the benchmark calls. */
public enum Endpoint {
  /** {@code POST /chat/completions} with {@code messages}. */
  CHAT("/chat/completions"),
  /** The legacy {@code POST /completions} with a plain-text {@code prompt}. */
  COMPLETIONS("/completions");

  private final String path;

  Endpoint(String path) {
    this.path = path;
  }

  /** The path below the API base, e.g. {@code /chat/completions}. */
  public String path() {
    return path;
  }
}
