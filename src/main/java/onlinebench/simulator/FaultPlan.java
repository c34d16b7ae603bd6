package onlinebench.simulator;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The fault rates of {@code sim.faults}: {@code kind:rate,kind:rate,...}, e.g. {@code
 * 500:0.05,429:0.02,cut:0.01}. Each rate is in [0, 1] and they sum to at most 1; the rest of the
 * requests get no fault.
 *
 * <p>In code, build it typed: {@code FaultPlan.always(Fault.CUT)}, {@code
 * FaultPlan.rate(Fault.SERVER_ERROR, 0.05).and(Fault.RATE_LIMITED, 0.02)}; {@link #parse} builds
 * the same values from the property. A running server takes a new plan ({@link
 * SimulatorServer#setFaults}) or a script for its next requests ({@link SimulatorServer#enqueue}).
 *
 * <p>{@link #draw(double)} maps one uniform number in [0, 1) to at most one fault: the kinds take
 * consecutive intervals of [0, 1) of their rates' widths, in {@link Fault} order. So each request
 * gets fault {@code k} with probability exactly {@code rate(k)}.
 *
 * @param rates rate per fault kind; kinds absent have rate 0
 */
public record FaultPlan(Map<Fault, Double> rates) {

  /** What {@code sim.faults} accepts, quoted in every error message. */
  static final String GRAMMAR =
      "a comma list of kind:rate with kinds "
          + Arrays.stream(Fault.values()).map(Fault::kind).collect(Collectors.joining(", "))
          + ", each rate between 0 and 1 and the rates summing to at most 1"
          + " (e.g. 500:0.05,429:0.02,cut:0.01)";

  private static final FaultPlan NONE = new FaultPlan(Map.of());

  public FaultPlan {
    EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
    double sum = 0;
    for (Map.Entry<Fault, Double> e : rates.entrySet()) {
      double rate = e.getValue();
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException(
            "rate of " + e.getKey().kind() + " must be between 0 and 1, got " + rate);
      }
      sum += rate;
      if (rate > 0) {
        copy.put(e.getKey(), rate);
      }
    }
    if (sum > 1 + 1e-9) {
      throw new IllegalArgumentException("fault rates must sum to at most 1, got " + sum);
    }
    rates = Collections.unmodifiableMap(copy);
  }

  /** No faults. */
  public static FaultPlan none() {
    return NONE;
  }

  /** Every request gets {@code fault}. */
  public static FaultPlan always(Fault fault) {
    return rate(fault, 1);
  }

  /**
   * A share of the requests, {@code share} in [0, 1], gets {@code fault}; the others get none.
   *
   * @throws IllegalArgumentException if {@code share} is outside [0, 1]
   */
  public static FaultPlan rate(Fault fault, double share) {
    return new FaultPlan(Map.of(fault, share));
  }

  /**
   * This plan with {@code fault} at {@code share} too.
   *
   * @throws IllegalArgumentException if {@code fault} already has a rate here, or the rates would
   *     sum to more than 1
   */
  public FaultPlan and(Fault fault, double share) {
    if (rates.containsKey(fault)) {
      throw new IllegalArgumentException("kind " + fault.kind() + " given twice");
    }
    EnumMap<Fault, Double> more = new EnumMap<>(Fault.class);
    more.putAll(rates);
    more.put(fault, share);
    return new FaultPlan(more);
  }

  /**
   * Parses the property value; blank or {@code none} means no faults.
   *
   * @throws IllegalArgumentException saying what is wrong with which entry
   */
  public static FaultPlan parse(String raw) {
    String text = raw.trim();
    if (text.isEmpty() || text.equalsIgnoreCase("none")) {
      return NONE;
    }
    EnumMap<Fault, Double> rates = new EnumMap<>(Fault.class);
    BigDecimal sum = BigDecimal.ZERO;
    for (String entry : text.split(",", -1)) {
      String[] parts = entry.split(":", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException("\"" + entry.trim() + "\" is not kind:rate");
      }
      Fault fault = Fault.fromKind(parts[0]);
      if (fault == null) {
        throw new IllegalArgumentException("unknown kind \"" + parts[0].trim() + "\"");
      }
      if (rates.containsKey(fault)) {
        throw new IllegalArgumentException("kind " + fault.kind() + " given twice");
      }
      BigDecimal rate;
      try {
        rate = new BigDecimal(parts[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "rate \"" + parts[1].trim() + "\" of " + fault.kind() + " is not a number");
      }
      if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException(
            "rate " + rate.toPlainString() + " of " + fault.kind() + " is not between 0 and 1");
      }
      sum = sum.add(rate);
      rates.put(fault, rate.doubleValue());
    }
    if (sum.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("the rates sum to " + sum.toPlainString() + ", above 1");
    }
    return new FaultPlan(rates);
  }

  public boolean isEmpty() {
    return rates.isEmpty();
  }

  /**
   * The fault for a request whose uniform draw is {@code u} in [0, 1), or null for none.
   *
   * @param u one draw of the request's fault random stream
   */
  @Nullable Fault draw(double u) {
    double upper = 0;
    for (Map.Entry<Fault, Double> e : rates.entrySet()) {
      upper += e.getValue();
      if (u < upper) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The property spelling: {@code 500:0.05,cut:0.01}, or {@code none}. */
  @Override
  public String toString() {
    if (rates.isEmpty()) {
      return "none";
    }
    return rates.entrySet().stream()
        .map(e -> e.getKey().kind() + ":" + BigDecimal.valueOf(e.getValue()).toPlainString())
        .collect(Collectors.joining(","));
  }
}
