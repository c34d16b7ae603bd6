package onlinebench.gatling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The function tools a chat request offers, checked once when the scenario is written: a non-empty
 * array of {@code {"type":"function","function":{"name":...,"parameters":{...}}}}, as OpenAI's API
 * reference defines {@code tools} (vLLM's {@code ChatCompletionToolsParam} and {@code
 * FunctionDefinition}, the same shape, vllm-project/vllm vllm/entrypoints/openai/protocol.py; vLLM
 * defaults a missing {@code type}, OpenAI requires it, so it is required here). Names must be
 * unique; {@code description} and {@code parameters} (an object, a JSON Schema) are optional and
 * passed as given. Immutable.
 *
 * @param json the {@code tools} array as sent; never changed
 * @param names the functions' names, in order
 */
record ToolDefinitions(ArrayNode json, List<String> names) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FORM =
      "a JSON array of {\"type\":\"function\",\"function\":{\"name\":\"search\","
          + "\"parameters\":{...}}}";

  ToolDefinitions {
    names = List.copyOf(names);
  }

  /** Parses a JSON text; the message names what is wrong and the accepted form. */
  static ToolDefinitions parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("needs " + FORM + ", got null");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "is not valid JSON (" + e.getOriginalMessage() + "): it needs " + FORM);
    }
    return of(tree);
  }

  /** From maps and lists, as Jackson writes them (a {@code List<Map<String, Object>>}). */
  static ToolDefinitions of(List<? extends java.util.Map<String, ?>> tools) {
    if (tools == null) {
      throw new IllegalArgumentException("needs a list of tool definitions, got null");
    }
    JsonNode tree;
    try {
      tree = JSON.valueToTree(tools);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "holds a value that cannot be written as JSON: " + e.getMessage());
    }
    return of(tree);
  }

  private static ToolDefinitions of(JsonNode tree) {
    if (tree == null || !tree.isArray() || tree.isEmpty()) {
      throw new IllegalArgumentException("needs " + FORM + ", got " + brief(tree));
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < tree.size(); i++) {
      JsonNode tool = tree.get(i);
      String at = "tools[" + i + "]";
      if (!tool.isObject() || !"function".equals(tool.path("type").asText(null))) {
        throw new IllegalArgumentException(
            at + " needs \"type\":\"function\" (" + FORM + "), got " + brief(tool));
      }
      JsonNode function = tool.path("function");
      JsonNode name = function.path("name");
      if (!name.isTextual() || name.textValue().isBlank()) {
        throw new IllegalArgumentException(
            at + ".function.name needs the function's name, got " + brief(tool));
      }
      if (function.has("parameters") && !function.get("parameters").isObject()) {
        throw new IllegalArgumentException(
            at + ".function.parameters needs a JSON Schema object, got " + brief(tool));
      }
      if (!names.add(name.textValue())) {
        throw new IllegalArgumentException(
            at + " repeats the function name \"" + name.textValue() + "\": names must be unique");
      }
    }
    return new ToolDefinitions(((ArrayNode) tree).deepCopy(), List.copyOf(names));
  }

  /**
   * {@code tool_choice} as sent: {@code "auto"}, {@code "none"} and {@code "required"} as strings;
   * any other value names one of the functions, {@code {"type":"function","function":
   * {"name":...}}}.
   *
   * @throws IllegalArgumentException when it names no offered function
   */
  JsonNode choice(String choice) {
    if (choice.equals("auto") || choice.equals("none") || choice.equals("required")) {
      return JSON.getNodeFactory().textNode(choice);
    }
    if (!names.contains(choice)) {
      throw new IllegalArgumentException(
          "toolChoice needs \"auto\", \"none\", \"required\" or the name of an offered function "
              + names
              + ", got \""
              + choice
              + "\"");
    }
    ObjectNode named = JSON.createObjectNode().put("type", "function");
    named.putObject("function").put("name", choice);
    return named;
  }

  private static String brief(JsonNode node) {
    String text = String.valueOf(node);
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
