package onlinebench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import onlinebench.config.BenchConfig;
import onlinebench.config.LengthSpec;
import onlinebench.config.ServerMetricsSetting;
import onlinebench.config.SessionWorkload;
import onlinebench.config.StopOnErrors;

/**
 * The configuration as shown to people and written to files: every parameter under its property
 * name, in a fixed order, the API key masked.
 */
public final class ConfigView {
  private ConfigView() {}

  /**
   * @param builtInSimulator whether the target is the simulator this run started
   */
  public static Map<String, Object> of(BenchConfig config, boolean builtInSimulator) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("apiBase", config.apiBase().map(Object::toString).orElse("(built-in simulator)"));
    view.put("builtInSimulator", builtInSimulator);
    view.put("apiKey", config.apiKey().masked());
    view.put("model", config.model());
    view.put(
        "concurrency",
        config.load().concurrencySweep().isEmpty()
            ? config.concurrency()
            : LoadView.list(config.load().concurrencySweep()));
    Optional<SessionWorkload> sessions = config.workload().sessions();
    // a session workload is sized in sessions: totalRequests does not apply
    view.put("totalRequests", sessions.isPresent() ? "(sessions)" : config.totalRequests());
    view.put("promptTokens", length(config.promptTokens()));
    view.put("outputTokens", length(config.outputTokens()));
    view.put("warmupRequests", config.warmupRequests());
    view.put("stream", config.stream());
    view.put("requestTimeout", Durations.text(config.requestTimeout()));
    view.put("extraBody", config.extraBody().map(Object::toString).orElse("(none)"));
    view.put("requestLog", config.requestLog());
    view.put("preflight", config.preflight());
    view.put("tlsTrust", config.tlsTrust().describe());
    view.put("harnessLagLimitMs", config.harnessLimits().lagMs());
    view.put("harnessCpuLimit", config.harnessLimits().cpuShare());
    view.put("seed", config.workload().seed());
    view.put("ignoreEos", config.workload().ignoreEos());
    view.put("dataset", config.workload().dataset().map(Object::toString).orElse("(generated)"));
    view.put("sharedPrefixTokens", config.workload().sharedPrefixTokens());
    view.put("endpoint", config.workload().endpoint().name().toLowerCase(java.util.Locale.ROOT));
    view.put("tokenizer", config.workload().tokenizer().id());
    sessions.ifPresent(
        s -> {
          view.put("workload", s.name());
          view.put("turns", length(s.turns()));
          if (s.agent()) {
            view.put("toolTime", s.toolTimeMillis().map(ConfigView::millis).orElse("0"));
          } else {
            view.put("thinkTime", s.thinkTimeMillis().map(ConfigView::millis).orElse("0"));
          }
          view.put("systemPromptTokens", s.systemPromptTokens());
          view.put("sessions", s.sessions().isPresent() ? s.sessions().getAsInt() : "(duration)");
        });
    view.put("slo", config.slo().isEmpty() ? "(none)" : config.slo().text());
    view.put("stopOnErrors", config.stopOnErrors().map(StopOnErrors::text).orElse("(none)"));
    view.put("serverMetrics", serverMetrics(config.serverMetrics()));
    view.put("serverMetricsInterval", Durations.text(config.serverMetrics().interval()));
    view.putAll(LoadView.of(config.load()));
    if (sessions.isPresent() && config.load().duration().isEmpty()) {
      view.put("duration", "(sessions)");
    }
    view.put("injectorIndex", config.injector().index());
    view.put("injectorCount", config.injector().count());
    return view;
  }

  /**
   * Milliseconds in LengthSpec's forms, each with its unit: {@code 1500ms}, {@code 500ms:3000ms}.
   */
  private static String millis(LengthSpec spec) {
    return switch (spec.shape()) {
      case FIXED -> spec.min() + "ms";
      case UNIFORM -> spec.first() + "ms:" + spec.second() + "ms";
      case NORMAL -> spec.first() + "ms~" + spec.second() + "ms";
    };
  }

  /** A fixed length stays a number (as tools reading summary.json expect); a draw, as typed. */
  private static Object length(LengthSpec spec) {
    return spec.shape() == LengthSpec.Shape.FIXED ? (Object) spec.min() : spec.toString();
  }

  private static String serverMetrics(ServerMetricsSetting setting) {
    return switch (setting.mode()) {
      case AUTO -> "auto";
      case OFF -> "off";
      case URLS ->
          String.join(",", setting.urls().stream().map(ServerMetricsSetting::shown).toList());
    };
  }
}
