package onlinebench.simulator;

import static onlinebench.simulator.RequestFields.requireObject;
import static onlinebench.simulator.RequestFields.requireString;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import onlinebench.simulator.ChatRequest.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code messages} array the way OpenAI's API does, so a multi-turn or agent client that
 * sends what OpenAI would refuse is refused here too: every message an object with a known {@code
 * role}; {@code content} a string or an array of parts, required except on an assistant message
 * that carries {@code tool_calls}; each tool call an {@code id}, {@code type} {@code "function"}
 * and a {@code function} with string {@code name} and {@code arguments}; a {@code tool} message a
 * {@code tool_call_id} and a preceding assistant message with {@code tool_calls}; every tool call
 * answered by a tool message before the next assistant or user turn.
 *
 * <p>Roles, the parameter paths ({@code messages[1].tool_call_id}) and the wording of the ordering
 * errors are OpenAI's: its published {@code ChatCompletionMessageParam} types (openai/openai-node
 * {@code src/resources/chat/completions/completions.ts}) and the error bodies its API returns, as
 * recorded in public issues (e.g. smarter-sh/smarter#264, "messages with role 'tool' must be a
 * response to a preceeding message with 'tool_calls'", param {@code messages.[4].role}).
 */
final class ChatMessages {

  /** OpenAI's message roles, in the order its error message lists them. */
  static final List<String> ROLES =
      List.of("system", "assistant", "user", "function", "tool", "developer");

  private ChatMessages() {}

  /** Returns the array when valid; else the first problem, as OpenAI reports it. */
  static JsonNode validate(@Nullable JsonNode messages) throws InvalidRequestException {
    if (messages == null || messages.isNull()) {
      throw new InvalidRequestException(OpenAiError.missingParameter("messages"));
    }
    if (!messages.isArray()) {
      throw new InvalidRequestException(OpenAiError.invalidType("messages", "an array", messages));
    }
    if (messages.isEmpty()) {
      throw new InvalidRequestException(OpenAiError.emptyArray("messages"));
    }
    // Tool call ids of the latest assistant message that still wait for their tool messages.
    Set<String> awaited = new LinkedHashSet<>();
    int awaitedFrom = -1;
    boolean inToolResults = false;
    for (int i = 0; i < messages.size(); i++) {
      String at = "messages[" + i + "]";
      JsonNode message = messages.get(i);
      if (!message.isObject()) {
        throw new InvalidRequestException(OpenAiError.invalidType(at, "an object", message));
      }
      String role = role(message.get("role"), at);
      JsonNode toolCalls = message.get("tool_calls");
      boolean callsTools = "assistant".equals(role) && toolCalls != null && !toolCalls.isNull();
      content(message.get("content"), at, !callsTools && !"assistant".equals(role));
      if ("tool".equals(role)) {
        if (!inToolResults) {
          throw new InvalidRequestException(OpenAiError.toolMessageWithoutToolCalls(i));
        }
        awaited.remove(requireString(message.get("tool_call_id"), at + ".tool_call_id"));
        continue;
      }
      if (!awaited.isEmpty()) {
        throw new InvalidRequestException(
            OpenAiError.toolCallsWithoutResponses(awaitedFrom, List.copyOf(awaited)));
      }
      inToolResults = callsTools;
      if (callsTools) {
        awaited.addAll(toolCallIds(toolCalls, at + ".tool_calls"));
        awaitedFrom = i;
      }
    }
    if (!awaited.isEmpty()) {
      throw new InvalidRequestException(
          OpenAiError.toolCallsWithoutResponses(awaitedFrom, List.copyOf(awaited)));
    }
    return messages;
  }

  /**
   * The {@code tool} messages that end a valid message list: the results this request brings for
   * the tool calls of the assistant message before them; 0 when it ends otherwise.
   */
  static int trailingToolResults(JsonNode messages) {
    int count = 0;
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (!"tool".equals(messages.get(i).path("role").asText())) {
        break;
      }
      count++;
    }
    return count;
  }

  private static String role(@Nullable JsonNode role, String at) throws InvalidRequestException {
    String param = at + ".role";
    String value = requireString(role, param);
    if (!ROLES.contains(value)) {
      throw new InvalidRequestException(OpenAiError.invalidValue(param, value, ROLES));
    }
    return value;
  }

  private static void content(@Nullable JsonNode content, String at, boolean required)
      throws InvalidRequestException {
    String param = at + ".content";
    if (content == null || content.isNull()) {
      if (required) {
        throw new InvalidRequestException(OpenAiError.missingParameter(param));
      }
      return;
    }
    if (!content.isTextual() && !content.isArray()) {
      throw new InvalidRequestException(
          OpenAiError.invalidType(param, "a string or an array", content));
    }
  }

  private static List<String> toolCallIds(JsonNode toolCalls, String param)
      throws InvalidRequestException {
    if (!toolCalls.isArray()) {
      throw new InvalidRequestException(OpenAiError.invalidType(param, "an array", toolCalls));
    }
    if (toolCalls.isEmpty()) {
      throw new InvalidRequestException(OpenAiError.emptyArray(param));
    }
    Set<String> ids = new LinkedHashSet<>();
    for (int j = 0; j < toolCalls.size(); j++) {
      String at = param + "[" + j + "]";
      JsonNode call = toolCalls.get(j);
      if (!call.isObject()) {
        throw new InvalidRequestException(OpenAiError.invalidType(at, "an object", call));
      }
      ids.add(requireString(call.get("id"), at + ".id"));
      String type = requireString(call.get("type"), at + ".type");
      if (!"function".equals(type)) {
        throw new InvalidRequestException(
            OpenAiError.invalidValue(at + ".type", type, List.of("function")));
      }
      JsonNode function = requireObject(call.get("function"), at + ".function");
      requireString(function.get("name"), at + ".function.name");
      requireString(function.get("arguments"), at + ".function.arguments");
    }
    return List.copyOf(ids);
  }
}
