package onlinebench.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Builds the JSON body of a {@code POST /chat/completions} request with Jackson, so that prompts
 * with quotes, backslashes or newlines always make valid JSON.
 */
public final class ChatRequestEncoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode template;

  /**
   * @param model the model name
   * @param maxTokens {@code max_tokens}
   * @param stream whether to ask for an SSE stream, with usage in its last chunk
   * @param extraBody fields merged into every body, overriding ours of the same name
   */
  public ChatRequestEncoder(
      String model, int maxTokens, boolean stream, Optional<ObjectNode> extraBody) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.putArray("messages");
    body.put("max_tokens", maxTokens);
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    extraBody.ifPresent(body::setAll);
    this.template = body;
  }

  /** The UTF-8 body asking for an answer to one user message. */
  public byte[] encode(String prompt) {
    ObjectNode body = template.deepCopy();
    body.withArray("messages").addObject().put("role", "user").put("content", prompt);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree of strings and numbers cannot fail to write", e);
    }
  }
}
