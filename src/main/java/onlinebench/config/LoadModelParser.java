package onlinebench.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses the {@link LoadModel} properties and the concurrency (a number, or a list for a sweep),
 * and rejects combinations that mean nothing, each with one line saying what is accepted.
 */
final class LoadModelParser {
  static final int MAX_CONCURRENCY = 100_000;
  private static final double MAX_RATE = 1_000_000;
  private static final int DEFAULT_CONCURRENCY = 128;

  private LoadModelParser() {}

  static LoadModel parse(UserInput in) {
    List<Double> rates =
        in.get(Parameter.REQUEST_RATE).map(LoadModelParser::rates).orElse(List.of());
    Arrival arrival = arrival(in, !rates.isEmpty());
    double burstiness = burstiness(in, arrival);
    OptionalInt maxConcurrency = maxConcurrency(in, !rates.isEmpty());
    Optional<Duration> duration = duration(in);
    Optional<Duration> rampUp = rampUp(in, duration);
    List<Integer> concurrencies = concurrencies(in);
    if (concurrencies.size() > 1 && !rates.isEmpty()) {
      RawValue raw = in.get(Parameter.CONCURRENCY).orElseThrow();
      throw new ConfigException(
          "concurrency must be one number with -DrequestRate (the open model sweeps request rates;"
              + " -DmaxConcurrency caps it), got "
              + Values.quoted(raw.text())
              + " ("
              + raw.origin()
              + ")");
    }
    return new LoadModel(
        rates,
        arrival,
        burstiness,
        maxConcurrency,
        duration,
        rampUp,
        concurrencies.size() > 1 ? concurrencies : List.of());
  }

  /** The concurrency levels: one number, or a comma list of them for a sweep; default 128. */
  static List<Integer> concurrencies(UserInput in) {
    Optional<RawValue> raw = in.get(Parameter.CONCURRENCY);
    if (raw.isEmpty()) {
      return List.of(DEFAULT_CONCURRENCY);
    }
    String accepted =
        "a whole number from 1 to "
            + MAX_CONCURRENCY
            + (raw.get().text().contains(",") ? ", or a comma list of them such as 1,4,16,64" : "");
    List<Integer> levels = new ArrayList<>();
    for (String item : items("concurrency", raw.get(), accepted)) {
      try {
        long value = Long.parseLong(item.replace("_", ""));
        if (value < 1 || value > MAX_CONCURRENCY) {
          throw Values.invalid("concurrency", raw.get(), accepted);
        }
        levels.add((int) value);
      } catch (NumberFormatException e) {
        throw Values.invalid("concurrency", raw.get(), accepted);
      }
    }
    return List.copyOf(levels);
  }

  private static List<Double> rates(RawValue raw) {
    String accepted =
        "a number of requests per second > 0 and <= 1000000, or a comma list of them such as"
            + " 1,2,4";
    List<Double> rates = new ArrayList<>();
    for (String item : items("requestRate", raw, accepted)) {
      try {
        double rate = Double.parseDouble(item);
        if (!(rate > 0 && rate <= MAX_RATE)) {
          throw Values.invalid("requestRate", raw, accepted);
        }
        rates.add(rate);
      } catch (NumberFormatException e) {
        throw Values.invalid("requestRate", raw, accepted);
      }
    }
    return rates;
  }

  /** The comma-separated items of a value, stripped; none may be empty. */
  private static List<String> items(String property, RawValue raw, String accepted) {
    List<String> items = new ArrayList<>();
    for (String item : raw.text().split(",", -1)) {
      if (item.isBlank()) {
        throw Values.invalid(property, raw, accepted);
      }
      items.add(item.strip());
    }
    return items;
  }

  private static Arrival arrival(UserInput in, boolean open) {
    Optional<RawValue> raw = in.get(Parameter.ARRIVAL);
    if (raw.isEmpty()) {
      return Arrival.POISSON;
    }
    Arrival arrival;
    try {
      arrival = Arrival.valueOf(raw.get().text().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Values.invalid("arrival", raw.get(), "poisson, constant or gamma");
    }
    if (!open) {
      throw openOnly("arrival", raw.get());
    }
    return arrival;
  }

  private static double burstiness(UserInput in, Arrival arrival) {
    Optional<RawValue> raw = in.get(Parameter.BURSTINESS);
    if (raw.isEmpty()) {
      return 1.0;
    }
    double k = Values.positiveNumber(in, Parameter.BURSTINESS, 1.0, MAX_RATE);
    if (arrival != Arrival.GAMMA) {
      throw new ConfigException(
          "burstiness applies only to -Darrival=gamma (the gamma shape), got "
              + Values.quoted(raw.get().text())
              + " ("
              + raw.get().origin()
              + ") with arrival "
              + arrival.key());
    }
    return k;
  }

  private static OptionalInt maxConcurrency(UserInput in, boolean open) {
    Optional<RawValue> raw = in.get(Parameter.MAX_CONCURRENCY);
    if (raw.isEmpty()) {
      return OptionalInt.empty();
    }
    int cap = Values.wholeNumber(in, Parameter.MAX_CONCURRENCY, 1, 1, MAX_CONCURRENCY);
    if (!open) {
      throw openOnly("maxConcurrency", raw.get());
    }
    return OptionalInt.of(cap);
  }

  private static Optional<Duration> duration(UserInput in) {
    Optional<RawValue> raw = in.get(Parameter.DURATION);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Duration duration = Values.duration(in, Parameter.DURATION, Duration.ZERO);
    Optional<RawValue> total = in.get(Parameter.TOTAL_REQUESTS);
    if (total.isPresent()) {
      throw new ConfigException(
          "duration replaces totalRequests: give one of them, got duration "
              + Values.quoted(raw.get().text())
              + " ("
              + raw.get().origin()
              + ") and totalRequests "
              + Values.quoted(total.get().text())
              + " ("
              + total.get().origin()
              + ")");
    }
    return Optional.of(duration);
  }

  private static Optional<Duration> rampUp(UserInput in, Optional<Duration> duration) {
    Optional<RawValue> raw = in.get(Parameter.RAMP_UP);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Duration rampUp = Values.duration(in, Parameter.RAMP_UP, Duration.ZERO);
    if (duration.isPresent() && rampUp.compareTo(duration.get()) >= 0) {
      throw Values.invalid(
          "rampUp",
          raw.get(),
          "shorter than duration (" + duration.get().toMillis() / 1000.0 + " s)");
    }
    return Optional.of(rampUp);
  }

  private static ConfigException openOnly(String property, RawValue raw) {
    return new ConfigException(
        property
            + " applies only to the open model: add -DrequestRate=<requests/s>, got "
            + Values.quoted(raw.text())
            + " ("
            + raw.origin()
            + ") without a request rate");
  }
}
