package onlinebench.merge;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.ConfigException;
import onlinebench.metrics.HarnessCheck;
import onlinebench.prompt.CalibrationFit;
import onlinebench.prompt.PromptSizing;
import onlinebench.report.RunFacts;

/**
 * What the renderers need besides the merged figures, rebuilt from the runs' summary.json: the
 * first run's configuration, the worst generator's harness load, and the prompt sizing.
 */
final class MergedFacts {
  // not properties, or not portable to the machine that merges (the key is masked anyway)
  private static final Set<String> NOT_PARSED =
      Set.of("builtInSimulator", "apiKey", "tlsTrust", "dataset");

  private MergedFacts() {}

  static RunFacts of(List<MergeInput> runs) {
    BenchConfig config = config(runs.get(0));
    return new RunFacts(
        config,
        runs.get(0).config().path("builtInSimulator").asBoolean(false),
        MergeInput.anyPartial(runs),
        harness(runs),
        new PromptSizing(config.workload().tokenizer(), targetMean(runs), calibration(runs.get(0))),
        stoppedEarly(runs));
  }

  /**
   * Each generator watches its own requests for -DstopOnErrors: the merged run was stopped early
   * when any of them was, and says which.
   */
  private static Optional<String> stoppedEarly(List<MergeInput> runs) {
    for (int i = 0; i < runs.size(); i++) {
      JsonNode reason = runs.get(i).summary().path("stop_reason");
      if (reason.isTextual()) {
        return Optional.of("run " + (i + 1) + " of " + runs.size() + ": " + reason.asText());
      }
    }
    return Optional.empty();
  }

  /**
   * The configuration a run's summary.json shows, parsed back as the properties it lists; values in
   * parentheses are defaults ("(none)", "(closed model)") and are left to the defaults.
   */
  static BenchConfig config(MergeInput run) {
    Map<String, String> properties = new HashMap<>();
    run.config()
        .fields()
        .forEachRemaining(
            field -> {
              String text =
                  field.getValue().isTextual()
                      ? field.getValue().asText()
                      : field.getValue().toString();
              boolean placeholder = text.startsWith("(") && text.endsWith(")");
              if (!NOT_PARSED.contains(field.getKey()) && !placeholder) {
                properties.put(field.getKey(), text);
              }
            });
    // the view lists every property; some only go with others
    if (!properties.containsKey("requestRate")) {
      properties.keySet().removeAll(Set.of("arrival", "burstiness", "maxConcurrency"));
    }
    if (!"gamma".equals(properties.get("arrival"))) {
      properties.remove("burstiness");
    }
    if (properties.containsKey("duration")) {
      properties.remove("totalRequests");
    }
    String dataset = run.config().path("dataset").asText("");
    if (!dataset.isEmpty() && !dataset.startsWith("(") && Files.isRegularFile(Path.of(dataset))) {
      properties.put("dataset", dataset);
    }
    try {
      return BenchConfigParser.parse(properties, Map.of());
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          "the configuration in "
              + run.folder()
              + "/summary.json cannot be read: "
              + e.getMessage(),
          e);
    }
  }

  /** The worst generator's figures: the merged run is as limited as its most loaded client. */
  static HarnessCheck harness(List<MergeInput> runs) {
    double lagP99 = 0;
    double lagMax = 0;
    double turnaround = 0;
    double cpu = 0;
    int cores = 0;
    // the fewest samples of any generator: one too short to judge leaves the merged run so too
    long lagSamples = Long.MAX_VALUE;
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      MergeInput run = runs.get(i);
      JsonNode h = run.summary().path("harness");
      lagP99 = Math.max(lagP99, h.path("event_loop_lag_p99_ms").asDouble());
      lagMax = Math.max(lagMax, h.path("event_loop_lag_max_ms").asDouble());
      turnaround = Math.max(turnaround, h.path("turnaround_p99_ms").asDouble());
      cpu = Math.max(cpu, h.path("cpu_share").asDouble());
      cores = Math.max(cores, h.path("cores").asInt());
      // a summary from before lag_samples was written judged its own run
      lagSamples = Math.min(lagSamples, h.path("lag_samples").asLong(HarnessCheck.MIN_LAG_SAMPLES));
      // a user-written Simulation's runs have no index: their place in -Druns names them
      int index = run.config().path("injectorIndex").asInt(i);
      h.path("saturation_reasons")
          .forEach(reason -> reasons.add("generator " + index + ": " + reason.asText()));
    }
    return new HarnessCheck(
        lagP99, lagMax, runs.isEmpty() ? 0 : lagSamples, turnaround, cpu, cores, reasons);
  }

  /** The runs' target prompt lengths, weighted by their successful requests. */
  private static OptionalDouble targetMean(List<MergeInput> runs) {
    double sum = 0;
    long weight = 0;
    for (MergeInput run : runs) {
      JsonNode target = run.summary().path("target_input_tokens");
      if (!target.isNumber()) {
        return OptionalDouble.empty();
      }
      long completed = run.summary().path("completed").asLong();
      sum += target.asDouble() * completed;
      weight += completed;
    }
    return weight == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / weight);
  }

  /** The first generator's fit; each generator calibrates on its own warmup answers. */
  private static Optional<CalibrationFit> calibration(MergeInput run) {
    JsonNode c = run.summary().path("prompt_calibration");
    if (!c.path("calibrated").asBoolean(false)) {
      return Optional.empty();
    }
    return Optional.of(
        new CalibrationFit(
            c.path("ratio").asDouble(), c.path("offset").asDouble(), c.path("samples").asInt()));
  }
}
