package onlinebench.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code -Dworkload} and the properties of a session workload ({@code turns}, {@code
 * thinkTime}, {@code toolTime}, {@code systemPromptTokens}, {@code sessions}), and refuses what
 * cannot go with it.
 */
final class SessionWorkloadParser {
  static final int DEFAULT_SESSIONS = 100;
  static final LengthSpec DEFAULT_TURNS = LengthSpec.fixed(4);
  private static final int MAX_TURNS = 10_000;
  private static final int MAX_SESSIONS = 1_000_000_000;
  private static final int MAX_TOKENS = 10_000_000;
  private static final long MAX_THINK_MILLIS = 3_600_000;
  private static final String DURATION = "(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?";
  private static final Pattern PAUSE =
      Pattern.compile(DURATION + "(?:\\s*([:~])\\s*" + DURATION + ")?");
  private static final String PAUSE_FORMS =
      "0, a duration (2s, 500ms), a range 500ms:3s or a normal 2s~500ms (mean~stddev), each up to"
          + " 1h";
  private static final List<Parameter> SESSION_ONLY =
      List.of(
          Parameter.TURNS,
          Parameter.THINK_TIME,
          Parameter.TOOL_TIME,
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
                          + " applies only to a session workload: add -Dworkload=conversation (or"
                          + " agent), or leave it out (got "
                          + raw.origin()
                          + "="
                          + raw.text()
                          + ")");
                });
      }
      return Optional.empty();
    }
    String name = workload.get().text().strip().toLowerCase(Locale.ROOT);
    if (!name.equals("conversation") && !name.equals("agent")) {
      throw Values.invalid(
          "workload",
          workload.get(),
          "conversation (multi-turn sessions) or agent (tool-call loops); leave it out for none");
    }
    boolean agent = name.equals("agent");
    String a = "a" + (agent ? "n " : " ") + name + " workload";
    refuse(
        in,
        Parameter.TOTAL_REQUESTS,
        a + " is sized in sessions: give -Dsessions=N (or" + " -Dduration) instead of");
    refuse(in, Parameter.DATASET, a + " generates its turns: it cannot take");
    if (agent) {
      refuse(
          in,
          Parameter.THINK_TIME,
          "an agent session sends one user message and then tool"
              + " results, after -DtoolTime: it has no");
    } else {
      refuse(
          in,
          Parameter.TOOL_TIME,
          "a conversation offers no tools: -Dworkload=agent does;" + " it has no");
    }
    in.get(Parameter.ENDPOINT)
        .filter(raw -> !raw.text().strip().toLowerCase(Locale.ROOT).contains("chat"))
        .ifPresent(
            raw -> {
              throw new ConfigException(
                  a
                      + " sends chat messages: it needs -Dendpoint=chat, got "
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
            pause(in, Parameter.THINK_TIME),
            Values.wholeNumber(in, Parameter.SYSTEM_PROMPT_TOKENS, 0, 0, MAX_TOKENS),
            sessions(in),
            agent,
            pause(in, Parameter.TOOL_TIME)));
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

  /**
   * A pause ({@code thinkTime}, {@code toolTime}): none for 0; else milliseconds as {@link
   * LengthSpec}'s forms written with durations: {@code 2s}, a uniform range {@code 500ms:3s}, or a
   * normal {@code 2s~500ms} (mean~stddev).
   */
  private static Optional<LengthSpec> pause(UserInput in, Parameter parameter) {
    Optional<RawValue> raw = in.get(parameter);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    String what = parameter.property();
    Matcher m = PAUSE.matcher(raw.get().text().strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw Values.invalid(what, raw.get(), PAUSE_FORMS);
    }
    long first = millis(m.group(1), m.group(2));
    long second = m.group(3) == null ? 0 : millis(m.group(4), m.group(5));
    if (first < 0 || second < 0) {
      throw Values.invalid(what, raw.get(), PAUSE_FORMS);
    }
    if (m.group(3) == null) {
      return first == 0 ? Optional.empty() : Optional.of(LengthSpec.fixed((int) first));
    }
    try {
      // a drawn pause is at least 1 ms: LengthSpec's lengths start at 1
      return Optional.of(
          m.group(3).equals(":")
              ? LengthSpec.uniform((int) Math.max(1, first), (int) second)
              : LengthSpec.normal((int) Math.max(1, first), (int) second));
    } catch (IllegalArgumentException e) {
      throw Values.invalid(what, raw.get(), PAUSE_FORMS + ", a range's min <= max");
    }
  }

  /** A duration's whole milliseconds, at most {@link #MAX_THINK_MILLIS}; -1 when longer. */
  private static long millis(String amount, String unit) {
    double perUnit =
        switch (unit == null ? "s" : unit) {
          case "ms" -> 1;
          case "m" -> 60_000;
          case "h" -> 3_600_000;
          default -> 1_000;
        };
    double ms = Double.parseDouble(amount) * perUnit;
    return ms > MAX_THINK_MILLIS ? -1 : Math.round(ms);
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
