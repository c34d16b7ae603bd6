package onlinebench.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.metrics.HarnessLoad;
import onlinebench.metrics.LatencyStats;
import onlinebench.metrics.LoadStats;
import onlinebench.metrics.RateStats;
import onlinebench.metrics.Summary;
import onlinebench.openai.ErrorKind;

/** A fixed summary and config, so rendered output can be compared with golden files. */
final class ReportFixtures {
  private ReportFixtures() {}

  static BenchConfig config(boolean stream) {
    return BenchConfigParser.parse(
        Map.of(
            "apiBase", "http://127.0.0.1:8000/v1",
            "model", "simulated-llm",
            "apiKey", "sk-secret-0123456789",
            "stream", Boolean.toString(stream)),
        Map.of());
  }

  static RunFacts facts(boolean stream) {
    return new RunFacts(
        config(stream), false, false, new HarnessLoad(0.42, 3.1, 1200, 0.25, 0.35, 2, List.of()));
  }

  static Summary summary(boolean stream) {
    Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    for (ErrorKind kind : ErrorKind.values()) {
      errors.put(kind, 0L);
    }
    errors.put(ErrorKind.HTTP_5XX, 2L);
    errors.put(ErrorKind.TIMEOUT, 1L);
    LatencyStats e2e =
        new LatencyStats(1021, 893.4, 911.3, 120.5, 1200.0, 1284.2, 1400.7, 500.1, 1500.9);
    LatencyStats ttft =
        stream
            ? new LatencyStats(1021, 201.5, 200.9, 3.2, 204.0, 205.5, 210.25, 199.9, 230.0)
            : null;
    LatencyStats tpot =
        stream ? new LatencyStats(1021, 20.1, 20.05, 0.3, 20.4, 20.6, 21.0, 19.9, 22.0) : null;
    LatencyStats itl =
        stream
            ? new LatencyStats(1021 * 1023, 20.1, 20.0, 0.9, 21.0, 21.5, 23.0, 18.0, 40.0)
            : null;
    return new Summary(
        8.954,
        1021,
        3,
        1_045_504,
        1_045_504,
        114.03,
        116_763.9,
        233_527.8,
        e2e,
        ttft,
        tpot,
        itl,
        new RateStats(1021, 1120.5, 1141.2, 980.3, 870.0, 700.1, 1300.7),
        errors,
        0,
        0,
        stream ? 12 : 0,
        0,
        new LoadStats(e2e, ttft, null, 0, 0));
  }
}
