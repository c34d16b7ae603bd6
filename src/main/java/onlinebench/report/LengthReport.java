package onlinebench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import onlinebench.metrics.LengthStats;
import onlinebench.metrics.Summary;
import onlinebench.prompt.CalibrationFit;
import onlinebench.prompt.PromptSizing;

/**
 * Prompt and answer lengths in the summary: the input tokens the server counted against the target,
 * how prompts were calibrated, and the output tokens against {@code max_tokens} — with a warning
 * when ignoreEos is on and the server did not generate what was asked.
 */
final class LengthReport {
  /** How far mean output may stray from mean max_tokens with ignoreEos on before a warning. */
  static final double OUTPUT_TOLERANCE = 0.05;

  private LengthReport() {}

  /** True when ignoreEos is on and the mean output differs from the mean requested by over 5%. */
  static boolean outputMismatch(Summary s, RunFacts run) {
    OptionalDouble deviation = s.lengths().outputDeviation();
    return run.config().workload().ignoreEos()
        && deviation.isPresent()
        && Math.abs(deviation.getAsDouble()) > OUTPUT_TOLERANCE;
  }

  static void console(StringBuilder out, Summary s, RunFacts run) {
    LengthStats l = s.lengths();
    PromptSizing sizing = run.promptSizing();
    StringBuilder input = new StringBuilder("Input tokens per request: ");
    if (l.meanInputTokens().isEmpty()) {
      input.append("n/a (no usage in the answers)");
    } else {
      double mean = l.meanInputTokens().getAsDouble();
      input.append(format("mean %.1f", mean));
      boolean sessions = run.config().workload().sessions().isPresent();
      // a conversation's turn is its history plus a new message: only the message has a target
      sizing
          .targetMeanTokens()
          .ifPresent(
              t ->
                  input.append(
                      sessions
                          ? format(" (history included; each new user message targets %.1f)", t)
                          : format(" (target %.1f, %+.2f%%)", t, 100 * (mean - t) / t)));
      input.append(
          format(
              "  min %d  max %d", l.minInputTokens().getAsLong(), l.maxInputTokens().getAsLong()));
    }
    out.append(input).append('\n');
    out.append("Prompt sizing: ").append(calibration(sizing, run)).append('\n');
    if (l.meanOutputTokens().isPresent()) {
      out.append(
          format(
              "Output tokens per request: mean %.1f of %.1f requested (max_tokens)%n",
              l.meanOutputTokens().getAsDouble(), l.meanRequestedOutputTokens().getAsDouble()));
    }
    if (outputMismatch(s, run)) {
      double deviation = l.outputDeviation().getAsDouble();
      out.append(
          format(
              "WARNING: ignoreEos is on but output tokens averaged %.1f, %.1f%% %s the %.1f"
                  + " requested: the server does not honour ignore_eos / min_tokens%n",
              l.meanOutputTokens().getAsDouble(),
              Math.abs(100 * deviation),
              deviation < 0 ? "below" : "above",
              l.meanRequestedOutputTokens().getAsDouble()));
    }
  }

  private static String calibration(PromptSizing sizing, RunFacts run) {
    if (run.config().workload().dataset().isPresent()) {
      return "none: dataset prompts are sent as they are";
    }
    if (sizing.calibration().isEmpty()) {
      return sizing.tokenizer()
          + ", uncalibrated ("
          + uncalibratedReason(run)
          + "): the server's chat template and tokenizer are not accounted for";
    }
    CalibrationFit fit = sizing.calibration().get();
    // rounded first, so that an offset of -1e-13 reads "+ 0.0"
    double offset = Math.round(fit.offset() * 10) / 10.0;
    return format(
        "%s, calibrated on %d warmup answers: server count = %.4f x ours %s %.1f",
        sizing.tokenizer(), fit.samples(), fit.ratio(), offset < 0 ? "-" : "+", Math.abs(offset));
  }

  private static String uncalibratedReason(RunFacts run) {
    if (run.config().workload().dataset().isPresent()) {
      return "prompts come from a dataset";
    }
    return run.config().warmupRequests() == 0
        ? "warmupRequests=0"
        : "no warmup answer carried usage.prompt_tokens";
  }

  static void json(ObjectNode root, Summary s, RunFacts run) {
    LengthStats l = s.lengths();
    PromptSizing sizing = run.promptSizing();
    put(root, "target_input_tokens", sizing.targetMeanTokens());
    inputJson(root, l);
    ObjectNode calibration = root.putObject("prompt_calibration");
    calibration.put("tokenizer", sizing.tokenizer().id());
    calibration.put("calibrated", sizing.calibration().isPresent());
    put(
        calibration,
        "ratio",
        sizing.calibration().map(f -> OptionalDouble.of(f.ratio())).orElse(OptionalDouble.empty()));
    put(
        calibration,
        "offset",
        sizing
            .calibration()
            .map(f -> OptionalDouble.of(f.offset()))
            .orElse(OptionalDouble.empty()));
    calibration.put("samples", sizing.calibration().map(CalibrationFit::samples).orElse(0));
    if (sizing.calibration().isEmpty()) {
      calibration.put("reason", uncalibratedReason(run));
    }
    outputJson(root, l);
    root.put("output_tokens_mismatch", outputMismatch(s, run));
  }

  /**
   * The measured lengths alone, for requests no prompt sizing made (a user-written scenario's): the
   * input tokens the server counted, the {@code max_tokens} asked and the output tokens.
   */
  static void measuredJson(ObjectNode root, Summary s) {
    inputJson(root, s.lengths());
    outputJson(root, s.lengths());
  }

  private static void inputJson(ObjectNode root, LengthStats l) {
    put(root, "mean_input_tokens", l.meanInputTokens());
    put(root, "min_input_tokens", l.minInputTokens());
    put(root, "max_input_tokens", l.maxInputTokens());
  }

  private static void outputJson(ObjectNode root, LengthStats l) {
    put(root, "mean_requested_output_tokens", l.meanRequestedOutputTokens());
    put(root, "mean_output_tokens", l.meanOutputTokens());
  }

  private static void put(ObjectNode node, String key, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(key, value.getAsDouble());
    } else {
      node.putNull(key);
    }
  }

  private static void put(ObjectNode node, String key, OptionalLong value) {
    if (value.isPresent()) {
      node.put(key, value.getAsLong());
    } else {
      node.putNull(key);
    }
  }

  private static String format(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
