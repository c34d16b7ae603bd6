package onlinebench.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SessionWorkloadParserTest {
  private static Optional<SessionWorkload> parse(Map<String, String> props) {
    return BenchConfigParser.parse(props, Map.of()).workload().sessions();
  }

  private static void assertRejected(Map<String, String> props, String message) {
    assertThatThrownBy(() -> parse(props)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void withoutAWorkloadThereAreNoSessions() {
    assertThat(parse(Map.of())).isEmpty();
  }

  @Test
  void aConversationHasDefaultTurnsAndSessionsAndNoThinkTimeOrSystemPrompt() {
    SessionWorkload w = parse(Map.of("workload", "conversation")).orElseThrow();
    assertThat(w.turns()).isEqualTo(LengthSpec.fixed(4));
    assertThat(w.sessions()).hasValue(100);
    assertThat(w.thinkTimeMillis()).isEmpty();
    assertThat(w.systemPromptTokens()).isZero();
  }

  @Test
  void readsEveryPropertyInBothSpellings() {
    SessionWorkload w =
        parse(
                Map.of(
                    "workload", "Conversation",
                    "turns", "2:6",
                    "think-time", "1500ms",
                    "system-prompt-tokens", "256",
                    "sessions", "40"))
            .orElseThrow();
    assertThat(w.turns()).isEqualTo(LengthSpec.uniform(2, 6));
    assertThat(w.thinkTimeMillis()).contains(LengthSpec.fixed(1500));
    assertThat(w.systemPromptTokens()).isEqualTo(256);
    assertThat(w.sessions()).hasValue(40);
    assertThat(
            parse(Map.of("workload", "conversation", "thinkTime", "0"))
                .orElseThrow()
                .thinkTimeMillis())
        .isEmpty();
  }

  @Test
  void thinkTimeTakesTheLengthFormsInTimeUnits() {
    assertThat(think("500ms:3s")).contains(LengthSpec.uniform(500, 3000));
    assertThat(think("2s~500ms")).contains(LengthSpec.normal(2000, 500));
    assertThat(think("1.5")).as("seconds without a unit").contains(LengthSpec.fixed(1500));
    assertThatThrownBy(() -> think("3s:1s"))
        .hasMessageStartingWith("thinkTime must be 0, a duration")
        .hasMessageEndingWith("got \"3s:1s\" (-DthinkTime)");
    assertThatThrownBy(() -> think("2h")).hasMessageContaining("each up to 1h");
  }

  private static java.util.Optional<LengthSpec> think(String value) {
    return parse(Map.of("workload", "conversation", "thinkTime", value))
        .orElseThrow()
        .thinkTimeMillis();
  }

  @Test
  void aDurationBoundsTheSessionsInstead() {
    assertThat(
            parse(Map.of("workload", "conversation", "duration", "30s")).orElseThrow().sessions())
        .isEqualTo(OptionalInt.empty());
    assertRejected(
        Map.of("workload", "conversation", "duration", "30s", "sessions", "5"),
        "duration replaces sessions: give one of them, got duration \"30s\" and sessions \"5\"");
  }

  @Test
  void rejectsTotalRequestsNamingSessions() {
    assertRejected(
        Map.of("workload", "conversation", "totalRequests", "100"),
        "a conversation workload is sized in sessions: give -Dsessions=N (or -Dduration) instead"
            + " of totalRequests, got \"100\" (-DtotalRequests)");
  }

  @Test
  void rejectsAnUnknownWorkload() {
    assertRejected(
        Map.of("workload", "chatbot"),
        "workload must be conversation (multi-turn sessions) or agent (tool-call loops); leave it"
            + " out for none, got \"chatbot\" (-Dworkload)");
  }

  @Test
  void rejectsSessionPropertiesWithoutAWorkload() {
    assertRejected(
        Map.of("turns", "4"),
        "turns applies only to a session workload: add -Dworkload=conversation (or agent), or"
            + " leave it out (got -Dturns=4)");
  }

  @Test
  void rejectsBadTurnsThinkTimeAndSessions() {
    assertThatThrownBy(() -> parse(Map.of("workload", "conversation", "turns", "0")))
        .hasMessageStartingWith("turns must be ")
        .hasMessageEndingWith("got \"0\" (-Dturns)");
    assertThatThrownBy(() -> parse(Map.of("workload", "conversation", "thinkTime", "soon")))
        .hasMessageStartingWith("thinkTime must be 0, a duration")
        .hasMessageEndingWith("got \"soon\" (-DthinkTime)");
    assertRejected(
        Map.of("workload", "conversation", "sessions", "0"),
        "sessions must be a whole number from 1 to 1000000000, got \"0\" (-Dsessions)");
  }

  @Test
  void rejectsADatasetAndTheCompletionsEndpoint() {
    assertThatThrownBy(() -> parse(Map.of("workload", "conversation", "dataset", "pom.xml")))
        .hasMessage(
            "a conversation workload generates its turns: it cannot take dataset, got \"pom.xml\""
                + " (-Ddataset)");
    assertThatThrownBy(() -> parse(Map.of("workload", "conversation", "endpoint", "completions")))
        .hasMessage(
            "a conversation workload sends chat messages: it needs -Dendpoint=chat, got"
                + " \"completions\" (-Dendpoint)");
  }

  @Test
  void anAgentTakesToolTimeInTheLengthFormsAndTurnsAsItsLimit() {
    SessionWorkload w =
        parse(Map.of("workload", "agent", "turns", "6", "tool-time", "200ms:1s")).orElseThrow();

    assertThat(w.agent()).isTrue();
    assertThat(w.name()).isEqualTo("agent");
    assertThat(w.turns()).isEqualTo(LengthSpec.fixed(6));
    assertThat(w.toolTimeMillis()).hasValue(LengthSpec.uniform(200, 1000));
    assertThat(w.thinkTimeMillis()).isEmpty();
    assertThat(parse(Map.of("workload", "agent")).orElseThrow().toolTimeMillis())
        .as("no tool time by default")
        .isEmpty();
    assertThat(parse(Map.of("workload", "conversation")).orElseThrow().agent()).isFalse();
  }

  @Test
  void rejectsBadToolTimeAndPausesOfTheOtherWorkload() {
    assertThatThrownBy(() -> parse(Map.of("workload", "agent", "toolTime", "fast")))
        .hasMessageStartingWith("toolTime must be 0, a duration")
        .hasMessageEndingWith("got \"fast\" (-DtoolTime)");
    assertRejected(
        Map.of("workload", "conversation", "toolTime", "1s"),
        "a conversation offers no tools: -Dworkload=agent does; it has no toolTime, got \"1s\""
            + " (-DtoolTime)");
    assertRejected(
        Map.of("workload", "agent", "thinkTime", "1s"),
        "an agent session sends one user message and then tool results, after -DtoolTime: it has"
            + " no thinkTime, got \"1s\" (-DthinkTime)");
    assertRejected(
        Map.of("toolTime", "1s"),
        "toolTime applies only to a session workload: add -Dworkload=conversation (or agent), or"
            + " leave it out (got -DtoolTime=1s)");
    assertRejected(
        Map.of("workload", "agent", "totalRequests", "10"),
        "an agent workload is sized in sessions: give -Dsessions=N (or -Dduration) instead of"
            + " totalRequests, got \"10\" (-DtotalRequests)");
  }

  @Test
  void everyLoadGeneratorNeedsASession() {
    assertRejected(
        Map.of("workload", "conversation", "sessions", "2", "injectorCount", "3"),
        "injectorCount must be at most sessions (2), so that every generator sends a request, got"
            + " \"3\" (-DinjectorCount)");
  }
}
