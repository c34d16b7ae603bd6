package onlinebench.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * llama.cpp's {@code timings} object (../shared/wire/llama.cpp/chat.txt), filled with the request's
 * nominal schedule: prefill takes the configured TTFT, each later token the configured ITL. Clients
 * only need its shape; the ground truth of when tokens were written is the truth log.
 *
 * @param promptTokens the prompt's tokens: {@code prompt_n} is those not cached
 * @param cachedTokens {@code cache_n}, the prompt tokens found in the prefix cache (0 without
 *     {@code sim.prefixCache}); chat.txt shows both: 29 prompt tokens, {@code cache_n} 28, {@code
 *     prompt_n} 1
 * @param outputTokens {@code predicted_n}
 * @param prompt the time given to prefill ({@code prompt_ms})
 * @param perToken the time per generated token ({@code predicted_per_token_ms})
 */
record LlamaTimings(
    int promptTokens, int cachedTokens, int outputTokens, Duration prompt, Duration perToken) {

  ObjectNode toJson() {
    double promptMs = millis(prompt);
    double perTokenMs = millis(perToken);
    double predictedMs = perTokenMs * outputTokens;
    ObjectNode timings = Json.MAPPER.createObjectNode();
    int processed = promptTokens - cachedTokens;
    timings.put("cache_n", cachedTokens);
    timings.put("prompt_n", processed);
    timings.put("prompt_ms", promptMs);
    timings.put("prompt_per_token_ms", processed == 0 ? 0 : promptMs / processed);
    timings.put("prompt_per_second", promptMs == 0 ? 0 : processed * 1000 / promptMs);
    timings.put("predicted_n", outputTokens);
    timings.put("predicted_ms", predictedMs);
    timings.put("predicted_per_token_ms", perTokenMs);
    timings.put("predicted_per_second", predictedMs == 0 ? 0 : outputTokens * 1000 / predictedMs);
    return timings;
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }
}
