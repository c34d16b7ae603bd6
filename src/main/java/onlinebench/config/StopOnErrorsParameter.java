package onlinebench.config;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code -DstopOnErrors}, rejecting it in the config's words. */
final class StopOnErrorsParameter {
  private static final Pattern SHARE_AND_WINDOW =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%\\s*/\\s*(\\d{1,9})");
  static final String ACCEPTED =
      "a share and a window, e.g. 50%/100 (share above 0% up to 100%, window a whole number from 1"
          + " to "
          + StopOnErrors.MAX_WINDOW
          + ")";

  private StopOnErrorsParameter() {}

  /**
   * @param requests this generator's measured requests per level; empty when duration-bounded
   */
  static Optional<StopOnErrors> parse(UserInput in, Optional<Integer> requests) {
    Optional<RawValue> raw = in.get(Parameter.STOP_ON_ERRORS);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = SHARE_AND_WINDOW.matcher(raw.get().text().strip());
    if (!m.matches()) {
      throw Values.invalid("stopOnErrors", raw.get(), ACCEPTED);
    }
    BigDecimal percent = new BigDecimal(m.group(1));
    int window = Integer.parseInt(m.group(2));
    if (percent.signum() <= 0
        || percent.compareTo(BigDecimal.valueOf(100)) > 0
        || window < 1
        || window > StopOnErrors.MAX_WINDOW) {
      throw Values.invalid("stopOnErrors", raw.get(), ACCEPTED);
    }
    // a window no level can fill would never stop anything: say so rather than ignore it
    if (requests.isPresent() && window > requests.get()) {
      throw Values.invalid(
          "stopOnErrors",
          raw.get(),
          "a window of at most the "
              + requests.get()
              + " measured requests a level sends here, or it can never stop the run");
    }
    return Optional.of(new StopOnErrors(percent, window));
  }
}
