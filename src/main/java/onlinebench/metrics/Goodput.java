package onlinebench.metrics;

/**
 * Requests that met every per-request objective, as vLLM's {@code --goodput} counts them.
 *
 * @param goodRequests successful requests that met every per-request clause
 * @param requestGoodput good requests per second of the measured phase (vLLM's {@code
 *     request_goodput})
 * @param goodFraction good requests over every measured request, failed ones included (0 to 1)
 */
public record Goodput(long goodRequests, double requestGoodput, double goodFraction) {}
