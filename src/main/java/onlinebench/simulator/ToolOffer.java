package onlinebench.simulator;

import static onlinebench.simulator.RequestFields.requireObject;
import static onlinebench.simulator.RequestFields.requireString;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import onlinebench.simulator.ChatRequest.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * The function tools a chat request offers ({@code tools}) and what it lets the model do with them
 * ({@code tool_choice}). Checked as vLLM checks them (vllm-project/vllm {@code
 * vllm/entrypoints/openai/protocol.py}, {@code check_tool_usage}): {@code tool_choice} defaults to
 * {@code "auto"} when tools are given and {@code "none"} otherwise; any other choice needs {@code
 * tools}; a string choice is one of {@code none}, {@code auto}, {@code required}; a named choice
 * {@code {"type":"function","function":{"name":...}}} names an offered function.
 *
 * @param functions the offered functions, in order; empty when none
 * @param choice what the request allows
 * @param named the function a named choice forces; null otherwise
 */
record ToolOffer(List<Function> functions, Choice choice, @Nullable Function named) {

  /** No tools offered. */
  static final ToolOffer NONE = new ToolOffer(List.of(), Choice.NONE, null);

  /** {@code tool_choice}. */
  enum Choice {
    /** The model must answer in text. */
    NONE,
    /** The model may call a tool ({@code sim.toolCallShare} of the time). */
    AUTO,
    /** The model must call a tool. */
    REQUIRED,
    /** The model must call the named function. */
    NAMED
  }

  /**
   * One offered function.
   *
   * @param name {@code function.name}
   * @param firstParameter the first property of {@code function.parameters}, the key of the
   *     generated arguments; null when the schema names none
   */
  record Function(String name, @Nullable String firstParameter) {}

  /** Whether the answer may be a tool call at all. */
  boolean mayCall() {
    return !functions.isEmpty() && choice != Choice.NONE;
  }

  /** Whether the answer must be a tool call, whatever the share. */
  boolean mustCall() {
    return choice == Choice.REQUIRED || choice == Choice.NAMED;
  }

  static ToolOffer parse(@Nullable JsonNode tools, @Nullable JsonNode toolChoice)
      throws InvalidRequestException {
    List<Function> functions = functions(tools);
    boolean hasTools = tools != null && !tools.isNull();
    if (toolChoice == null || toolChoice.isNull()) {
      return new ToolOffer(functions, functions.isEmpty() ? Choice.NONE : Choice.AUTO, null);
    }
    if (toolChoice.isTextual() && "none".equals(toolChoice.textValue())) {
      return new ToolOffer(functions, Choice.NONE, null);
    }
    if (!hasTools) {
      throw new InvalidRequestException(OpenAiError.toolChoiceWithoutTools());
    }
    if (toolChoice.isTextual()) {
      return switch (toolChoice.textValue()) {
        case "auto" -> new ToolOffer(functions, Choice.AUTO, null);
        case "required" -> new ToolOffer(functions, Choice.REQUIRED, null);
        default -> throw new InvalidRequestException(OpenAiError.invalidToolChoice(toolChoice));
      };
    }
    JsonNode name = toolChoice.path("function").path("name");
    if (!toolChoice.isObject() || !name.isTextual()) {
      throw new InvalidRequestException(OpenAiError.invalidToolChoice(toolChoice));
    }
    for (Function function : functions) {
      if (function.name().equals(name.textValue())) {
        return new ToolOffer(functions, Choice.NAMED, function);
      }
    }
    throw new InvalidRequestException(OpenAiError.unknownToolChoice(name.textValue()));
  }

  private static List<Function> functions(@Nullable JsonNode tools) throws InvalidRequestException {
    if (tools == null || tools.isNull()) {
      return List.of();
    }
    if (!tools.isArray()) {
      throw new InvalidRequestException(OpenAiError.invalidType("tools", "an array", tools));
    }
    List<Function> functions = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      String at = "tools[" + i + "]";
      JsonNode tool = tools.get(i);
      if (!tool.isObject()) {
        throw new InvalidRequestException(OpenAiError.invalidType(at, "an object", tool));
      }
      JsonNode function = requireObject(tool.get("function"), at + ".function");
      String name = requireString(function.get("name"), at + ".function.name");
      Iterator<String> properties = function.path("parameters").path("properties").fieldNames();
      functions.add(new Function(name, properties.hasNext() ? properties.next() : null));
    }
    return List.copyOf(functions);
  }
}
