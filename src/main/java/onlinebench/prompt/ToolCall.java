package onlinebench.prompt;

import java.util.Objects;

/**
 * One function call the model asked for, as an assistant message carries it: {@code
 * {"id":...,"type":"function","function":{"name":...,"arguments":...}}} (OpenAI's API reference,
 * {@code ChatCompletionMessageToolCall}, typed in openai/openai-node
 * src/resources/chat/completions/completions.ts; vLLM's {@code ToolCall} and {@code FunctionCall},
 * vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py). Read from an answer, kept in a
 * conversation's history and sent back in the assistant message that precedes the tool results.
 * Immutable.
 *
 * @param id the call's id, which a {@code tool} message answering it names as {@code tool_call_id};
 *     {@code ""} when the server sent none
 * @param name the function's name
 * @param arguments the arguments as the model wrote them: a JSON object in a string, not checked (a
 *     model may write invalid JSON, and the scenario may want to see that)
 */
public record ToolCall(String id, String name, String arguments) {

  public ToolCall {
    Objects.requireNonNull(id, "id (\"\" when the server sent none)");
    Objects.requireNonNull(name, "name (the called function)");
    Objects.requireNonNull(arguments, "arguments (\"\" when the model wrote none)");
  }
}
