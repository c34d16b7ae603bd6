package onlinebench.openai;

import org.jspecify.annotations.Nullable;

/**
 * One piece of a streamed tool call, {@code choices[].delta.tool_calls[i]}: the first piece of a
 * call names it ({@code id}, {@code function.name}, often {@code "arguments":""}), later pieces
 * carry only {@code index} and a fragment of {@code function.arguments}. Shapes: OpenAI's API
 * reference ({@code ChatCompletionChunk.Choice.Delta.ToolCall}, typed in openai/openai-node
 * src/resources/chat/completions/completions.ts: {@code index} required, {@code id}, {@code type}
 * and {@code function.name}/{@code function.arguments} optional) and vLLM's {@code DeltaToolCall}
 * and {@code DeltaFunctionCall} (vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py, the
 * same optional fields).
 *
 * @param index which call of the answer this piece belongs to (several calls stream side by side)
 * @param id the call's id; null when this piece has none
 * @param name the function's name; null when this piece has none
 * @param arguments a fragment of the arguments string; null when this piece has none
 */
public record ToolCallDelta(
    int index, @Nullable String id, @Nullable String name, @Nullable String arguments) {}
