package onlinebench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import onlinebench.config.LoadModel;

/** The load-model part of the configuration view, under the property names. */
final class LoadView {
  private LoadView() {}

  static Map<String, Object> of(LoadModel load) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("requestRate", load.open() ? list(load.requestRates()) : "(closed model)");
    view.put("arrival", load.arrival().key());
    view.put("burstiness", load.burstiness());
    view.put(
        "maxConcurrency",
        load.maxConcurrency().isPresent() ? load.maxConcurrency().getAsInt() : "(uncapped)");
    view.put("duration", load.duration().map(Durations::text).orElse("(totalRequests)"));
    view.put("rampUp", load.rampUp().map(Durations::text).orElse("(none)"));
    return view;
  }

  /** {@code 1,4,16} or {@code 0.5,2}: numbers as the user would type them. */
  static String list(List<? extends Number> values) {
    return values.stream().map(LoadView::number).collect(Collectors.joining(","));
  }

  static String number(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
  }
}
