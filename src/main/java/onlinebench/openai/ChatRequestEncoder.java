package onlinebench.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import onlinebench.config.Endpoint;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;

/**
 * Builds the JSON body of a {@code POST /chat/completions} request, or of the legacy {@code POST
 * /completions}, with Jackson, so that prompts with quotes, backslashes or newlines always make
 * valid JSON. Both bodies share everything but the prompt: {@code messages} for chat, a {@code
 * prompt} string for completions (see {@link #promptText(ChatPrompt)}).
 */
public final class ChatRequestEncoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Endpoint endpoint;
  private final ObjectNode template;
  private final boolean extraBodySetsMaxTokens;
  private final boolean setsMinTokens;

  /**
   * @param endpoint which API the body is for
   * @param model the model name
   * @param stream whether to ask for an SSE stream, with usage in its last chunk
   * @param ignoreEos whether to ask for exactly max_tokens: {@code "ignore_eos": true} and {@code
   *     "min_tokens"} equal to max_tokens (vLLM, SGLang); servers that do not know them may reject
   *     or ignore them
   * @param extraBody fields merged into every body, overriding ours of the same name
   */
  public ChatRequestEncoder(
      Endpoint endpoint,
      String model,
      boolean stream,
      boolean ignoreEos,
      Optional<ObjectNode> extraBody) {
    this.endpoint = endpoint;
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    if (endpoint == Endpoint.COMPLETIONS) {
      body.put("prompt", "");
    } else {
      body.putArray("messages");
    }
    body.put("max_tokens", 1);
    if (stream) {
      body.put("stream", true);
      body.putObject("stream_options").put("include_usage", true);
    }
    if (ignoreEos) {
      body.put("ignore_eos", true);
    }
    extraBody.ifPresent(body::setAll);
    this.template = body;
    this.extraBodySetsMaxTokens = extraBody.map(e -> e.has("max_tokens")).orElse(false);
    this.setsMinTokens = ignoreEos && !extraBody.map(e -> e.has("min_tokens")).orElse(false);
  }

  /**
   * The {@code max_tokens} a body for this prompt asks for: the extra body's, else the prompt's.
   */
  public int maxTokens(ChatPrompt prompt) {
    return extraBodySetsMaxTokens ? template.get("max_tokens").asInt() : prompt.maxTokens();
  }

  /**
   * The UTF-8 body asking for an answer to one prompt. Extra-body fields win over the prompt's own
   * {@code max_tokens} and over {@code ignore_eos} and {@code min_tokens}.
   */
  public byte[] encode(ChatPrompt prompt) {
    ObjectNode body = template.deepCopy();
    if (!extraBodySetsMaxTokens) {
      body.put("max_tokens", prompt.maxTokens());
    }
    if (setsMinTokens) {
      body.put("min_tokens", maxTokens(prompt));
    }
    if (endpoint == Endpoint.COMPLETIONS) {
      body.put("prompt", promptText(prompt));
    } else {
      var messages = body.withArray("messages");
      for (ChatPrompt.Message m : prompt.messages()) {
        putMessage(messages.addObject(), m);
      }
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree of strings and numbers cannot fail to write", e);
    }
  }

  /**
   * One message in OpenAI's shapes (API reference, chat messages): an assistant message's tool
   * calls as {@code tool_calls} of {@code {"id","type":"function","function":{"name","arguments"}}}
   * with {@code "content": null} when it has no text, a {@code tool} message's {@code
   * tool_call_id}. The simulator checks these shapes as OpenAI does (simulator/ChatMessages).
   */
  private static void putMessage(ObjectNode out, ChatPrompt.Message m) {
    out.put("role", m.role()).put("content", m.content());
    if (!m.toolCalls().isEmpty()) {
      var calls = out.putArray("tool_calls");
      for (ToolCall call : m.toolCalls()) {
        ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    if (m.toolCallId() != null) {
      out.put("tool_call_id", m.toolCallId());
    }
  }

  /**
   * The text a completions request sends for a conversation: a single message's content as it is;
   * several messages' contents joined by a blank line, roles left out. No chat template is applied:
   * the legacy endpoint takes raw text, and which template a model wants is the server's business.
   */
  static String promptText(ChatPrompt prompt) {
    if (prompt.messages().size() == 1) {
      return Objects.requireNonNullElse(prompt.messages().get(0).content(), "");
    }
    StringBuilder text = new StringBuilder();
    for (ChatPrompt.Message m : prompt.messages()) {
      if (m.content() == null) {
        continue; // tool calls only: no text to send
      }
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      text.append(m.content());
    }
    return text.toString();
  }
}
