package onlinebench.servermetrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a Prometheus text exposition: a series name, its labels and its value.
 *
 * @param name the sample's name as written, e.g. {@code vllm:prompt_tokens_total} or {@code
 *     vllm:time_to_first_token_seconds_bucket}
 * @param labels its labels, sorted by name; empty when it has none
 * @param value its value; may be infinite or NaN, as the format allows
 */
public record PrometheusSample(String name, Map<String, String> labels, double value) {

  public PrometheusSample {
    labels = Map.copyOf(labels);
  }

  /** The series as Prometheus writes it: {@code name{a="1",b="2"}}, labels sorted by name. */
  public String series() {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder text = new StringBuilder(name).append('{');
    new TreeMap<>(labels)
        .forEach(
            (key, v) ->
                text.append(text.charAt(text.length() - 1) == '{' ? "" : ",")
                    .append(key)
                    .append("=\"")
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"'));
    return text.append('}').toString();
  }
}
