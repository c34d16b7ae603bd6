package onlinebench.config;

import java.util.Optional;

/** Parses {@code injectorIndex} and {@code injectorCount} into an {@link Injector}. */
final class InjectorParser {
  static final int MAX_INJECTORS = 1_000;

  private InjectorParser() {}

  static Injector parse(UserInput in) {
    int count = Values.wholeNumber(in, Parameter.INJECTOR_COUNT, 1, 1, MAX_INJECTORS);
    Optional<RawValue> raw = in.get(Parameter.INJECTOR_INDEX);
    if (raw.isEmpty()) {
      return new Injector(0, count);
    }
    String accepted =
        "a whole number from 0 to "
            + (count - 1)
            + " (one index per generator, below injectorCount "
            + count
            + ")";
    try {
      long index = Long.parseLong(raw.get().text().strip().replace("_", ""));
      if (index < 0 || index >= count) {
        throw Values.invalid("injectorIndex", raw.get(), accepted);
      }
      return new Injector((int) index, count);
    } catch (NumberFormatException e) {
      throw Values.invalid("injectorIndex", raw.get(), accepted);
    }
  }

  /**
   * A count-bounded run needs a ticket per generator, or a generator would have nothing to send.
   *
   * @param tickets the property that counts them ({@code totalRequests}, or {@code sessions} for a
   *     session workload) and its value
   */
  static void checkRequests(
      UserInput in, Injector injector, Parameter tickets, int count, LoadModel load) {
    if (load.duration().isEmpty() && count < injector.count()) {
      RawValue raw = in.get(Parameter.INJECTOR_COUNT).orElseThrow();
      throw Values.invalid(
          "injectorCount",
          raw,
          "at most "
              + tickets.property()
              + " ("
              + count
              + "), so that every generator sends a request");
    }
  }
}
