package onlinebench.openai;

/** Realistic SSE frames, shaped like what vLLM and llama.cpp stream with include_usage set. */
final class Chunks {

  static final String HEAD =
      "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\"";

  static final String ROLE =
      event(
          "{"
              + HEAD
              + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
              + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");

  static final String FINISH_LENGTH =
      event(
          "{"
              + HEAD
              + ",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
              + "\"finish_reason\":\"length\"}],\"usage\":null}");

  static final String USAGE =
      event(
          "{"
              + HEAD
              + ",\"choices\":[],\"usage\":{\"prompt_tokens\":29,\"completion_tokens\":3,"
              + "\"total_tokens\":32,\"prompt_tokens_details\":{\"cached_tokens\":0}}}");

  static final String DONE = "data: [DONE]\n\n";

  /** The head of a legacy completions chunk, shaped like vLLM's. */
  static final String TEXT_HEAD =
      "\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\"";

  static final String TEXT_FINISH_LENGTH =
      event(
          "{"
              + TEXT_HEAD
              + ",\"choices\":[{\"index\":0,\"text\":\"\",\"logprobs\":null,"
              + "\"finish_reason\":\"length\",\"stop_reason\":null}],\"usage\":null}");

  static final String TEXT_USAGE =
      event(
          "{"
              + TEXT_HEAD
              + ",\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,"
              + "\"total_tokens\":9}}");

  /** Role chunk, three content chunks, a keep-alive, finish, usage, [DONE]. */
  static final String STREAM =
      ROLE
          + content(" Hello")
          + content(" wor\\\"ld")
          + ": ping\n\n"
          + content("\\u00e9")
          + FINISH_LENGTH
          + USAGE
          + DONE;

  static final String[] STREAM_EVENTS = {
    "token", "token", "token", "finish:length", "usage:29/3", "done"
  };

  private Chunks() {}

  /** A content chunk; {@code jsonText} is already JSON-escaped. */
  static String content(String jsonText) {
    return event(
        "{"
            + HEAD
            + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
            + jsonText
            + "\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
  }

  /** A legacy completions chunk; {@code jsonText} is already JSON-escaped. */
  static String text(String jsonText) {
    return event(
        "{"
            + TEXT_HEAD
            + ",\"choices\":[{\"index\":0,\"text\":\""
            + jsonText
            + "\",\"logprobs\":null,\"finish_reason\":null,\"stop_reason\":null}],"
            + "\"usage\":null}");
  }

  static String event(String json) {
    return "data: " + json + "\n\n";
  }
}
