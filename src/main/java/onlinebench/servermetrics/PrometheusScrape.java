package onlinebench.servermetrics;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One parsed {@code /metrics} answer: every sample, and the type each family declared in its {@code
 * # TYPE} line. Families are looked up by name; several label sets of one series (engines, models,
 * data-parallel ranks) are added up, or their maximum taken, by the caller's choice.
 *
 * @param samples every sample line, in the order read
 * @param types each family's declared type ({@code counter}, {@code gauge}, {@code histogram},
 *     {@code summary}, {@code untyped}) by family name
 */
public record PrometheusScrape(List<PrometheusSample> samples, Map<String, String> types) {

  public PrometheusScrape {
    samples = List.copyOf(samples);
    types = Map.copyOf(types);
  }

  /** The sum over every label set of the samples named {@code name}; empty when there is none. */
  public OptionalDouble sum(String name) {
    boolean found = false;
    double sum = 0;
    for (PrometheusSample s : samples) {
      if (s.name().equals(name)) {
        found = true;
        sum += s.value();
      }
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /** The largest value over every label set of the samples named {@code name}. */
  public OptionalDouble max(String name) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .mapToDouble(PrometheusSample::value)
        .max();
  }

  /**
   * A histogram's cumulative bucket counts by upper bound ({@code le}), added up over its label
   * sets; +Inf included. Empty when the family has no {@code _bucket} samples.
   */
  public TreeMap<Double, Double> buckets(String histogram) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    String name = histogram + "_bucket";
    for (PrometheusSample s : samples) {
      String le = s.labels().get("le");
      if (s.name().equals(name) && le != null) {
        buckets.merge(PrometheusText.number(le), s.value(), Double::sum);
      }
    }
    return buckets;
  }
}
