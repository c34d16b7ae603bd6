package onlinebench.config;

import java.util.Optional;
import onlinebench.config.slo.SloSet;
import onlinebench.config.slo.SloSyntaxException;

/** Parses {@code -Dslo} with the slo package's grammar, rejecting it in the config's words. */
final class SloParameter {
  private SloParameter() {}

  static SloSet parse(UserInput in, boolean stream) {
    Optional<RawValue> raw = in.get(Parameter.SLO);
    if (raw.isEmpty()) {
      return SloSet.NONE;
    }
    SloSet slo;
    try {
      slo = SloSet.parse(raw.get().text());
    } catch (SloSyntaxException e) {
      throw new ConfigException(
          e.malformedClause()
              + ", got "
              + Values.quoted(raw.get().text())
              + " ("
              + raw.get().origin()
              + ")");
    }
    if (slo.needsStreaming() && !stream) {
      throw new ConfigException(
          "slo names "
              + SloSet.streamingOnlyNames()
              + ", which exist only for streamed requests: add -Dstream=true or drop those"
              + " clauses, got "
              + Values.quoted(raw.get().text())
              + " ("
              + raw.get().origin()
              + ")");
    }
    return slo;
  }
}
