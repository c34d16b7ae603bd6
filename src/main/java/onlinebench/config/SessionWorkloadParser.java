package onlinebench.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses {@code -Dworkload} and the properties of a session workload ({@code turns}, {@code
 * thinkTime}, {@code systemPromptTokens}, {@code sessions}), and refuses what cannot go with it.
 */
final class SessionWorkloadParser {
  static final int DEFAULT_SESSIONS = 100;
  static final LengthSpec DEFAULT_TURNS = LengthSpec.fixed(4);
  private static final int MAX_TURNS = 10_000;
  private static final int MAX_SESSIONS = 1_000_000_000;
  private static final int MAX_TOKENS = 10_000_000;
  private static final List<Parameter> SESSION_ONLY =
      List.of(
          Parameter.TURNS,
          Parameter.THINK_TIME,
          Parameter.SYSTEM_PROMPT_TOKENS,
          Parameter.SESSIONS);

  private SessionWorkloadParser() {}

  /** The session workload, or empty for the default one request per ticket. */
  static Optional<SessionWorkload> parse(UserInput in) {
    Optional<RawValue> workload = in.get(Parameter.WORKLOAD);
    if (workload.isEmpty()) {
      for (Parameter p : SESSION_ONLY) {
        in.get(p)
            .ifPresent(
                raw -> {
                  throw new ConfigException(
                      p.property()
                          + " applies only to a session workload: add -Dworkload=conversation, or"
                          + " leave it out (got "
                          + raw.origin()
                          + "="
                          + raw.text()
                          + ")");
                });
      }
      return Optional.empty();
    }
    if (!workload.get().text().strip().toLowerCase(Locale.ROOT).equals("conversation")) {
      throw Values.invalid(
          "workload", workload.get(), "conversation (multi-turn sessions; leave it out for none)");
    }
    refuse(
        in,
        Parameter.TOTAL_REQUESTS,
        "a conversation workload is sized in sessions: give"
            + " -Dsessions=N (or -Dduration) instead of");
    refuse(in, Parameter.DATASET, "a conversation workload generates its turns: it cannot take");
    in.get(Parameter.ENDPOINT)
        .filter(raw -> !raw.text().strip().toLowerCase(Locale.ROOT).contains("chat"))
        .ifPresent(
            raw -> {
              throw new ConfigException(
                  "a conversation workload sends chat messages: it needs -Dendpoint=chat, got "
                      + Values.quoted(raw.text())
                      + " ("
                      + raw.origin()
                      + ")");
            });
    LengthSpec turns =
        in.get(Parameter.TURNS)
            .map(raw -> LengthSpec.parse(raw, Parameter.TURNS.property(), MAX_TURNS))
            .orElse(DEFAULT_TURNS);
    return Optional.of(
        new SessionWorkload(
            turns,
            thinkTime(in),
            Values.wholeNumber(in, Parameter.SYSTEM_PROMPT_TOKENS, 0, 0, MAX_TOKENS),
            sessions(in)));
  }

  private static void refuse(UserInput in, Parameter p, String why) {
    in.get(p)
        .ifPresent(
            raw -> {
              throw new ConfigException(
                  why
                      + " "
                      + p.property()
                      + ", got "
                      + Values.quoted(raw.text())
                      + " ("
                      + raw.origin()
                      + ")");
            });
  }

  /** Zero, or a duration in {@link Values#duration}'s forms. */
  private static Duration thinkTime(UserInput in) {
    Optional<RawValue> raw = in.get(Parameter.THINK_TIME);
    if (raw.isPresent() && raw.get().text().strip().matches("0+(\\.0*)?\\s*(ms|s|m|h)?")) {
      return Duration.ZERO;
    }
    return Values.duration(in, Parameter.THINK_TIME, Duration.ZERO);
  }

  private static OptionalInt sessions(UserInput in) {
    Optional<RawValue> duration = in.get(Parameter.DURATION);
    Optional<RawValue> sessions = in.get(Parameter.SESSIONS);
    if (duration.isPresent() && sessions.isPresent()) {
      throw new ConfigException(
          "duration replaces sessions: give one of them, got duration "
              + Values.quoted(duration.get().text())
              + " and sessions "
              + Values.quoted(sessions.get().text()));
    }
    if (duration.isPresent()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(
        Values.wholeNumber(in, Parameter.SESSIONS, DEFAULT_SESSIONS, 1, MAX_SESSIONS));
  }
}
