package onlinebench.prompt;

import java.util.Optional;
import java.util.OptionalDouble;
import onlinebench.config.Tokenizer;

/**
 * How the measured prompts were sized, for the report.
 *
 * @param tokenizer the vocabulary prompts were counted in
 * @param targetMeanTokens the mean target length (server's count) of the measured prompts; empty
 *     when none was made
 * @param calibration the fit to the server's count; empty when the run went uncalibrated (no
 *     warmup, or no usage in the warmup answers)
 */
public record PromptSizing(
    Tokenizer tokenizer, OptionalDouble targetMeanTokens, Optional<CalibrationFit> calibration) {}
