package onlinebench.run;

import java.util.Optional;
import java.util.OptionalDouble;
import onlinebench.config.Tokenizer;
import onlinebench.prompt.GeneratedPrompts;
import onlinebench.prompt.PromptCalibration;
import onlinebench.prompt.PromptFeeder;
import onlinebench.prompt.PromptSizing;

/**
 * The prompts of one run: the warmup and measured feeders, and how generated prompts were sized.
 *
 * @param calibration learns from the warmup answers how the server counts prompt tokens
 * @param generated the generated prompts, also when a dataset feeds the run (then unused)
 * @param warmup the endless feeder of warmup prompts
 * @param measured the endless feeder of measured prompts
 * @param fromDataset true when a dataset's prompts are sent as they are
 * @param systemPrompt the system message every session of a session workload starts with; empty
 *     without one
 */
record RunPrompts(
    PromptCalibration calibration,
    GeneratedPrompts generated,
    PromptFeeder warmup,
    PromptFeeder measured,
    boolean fromDataset,
    Optional<String> systemPrompt) {

  /** How the measured prompts were sized, for the report; called once the run is over. */
  PromptSizing sizing(Tokenizer tokenizer) {
    // a dataset's prompts are sent as they are: no sizing, no calibration
    return fromDataset
        ? new PromptSizing(tokenizer, OptionalDouble.empty(), Optional.empty())
        : new PromptSizing(tokenizer, generated.targetMeanTokens(), calibration.freeze());
  }
}
