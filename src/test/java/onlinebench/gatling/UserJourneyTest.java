package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.core.session.Session;
import java.util.OptionalLong;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class UserJourneyTest {
  private static final long MS = 1_000_000;

  @Test
  void aUserThatSentNoChatRequestIsNoSession() {
    assertThat(UserJourney.ended(UserJourney.started(Sessions.empty(), 5))).isEmpty();
  }

  @Test
  void aSessionRunsFromTheUsersStartToItsLastAnswer() {
    Session session = UserJourney.started(Sessions.empty(), 10 * MS);
    session =
        UserJourney.answered(
            session,
            RequestRecord.completed(20 * MS, 70 * MS, OptionalLong.of(1), OptionalLong.of(1)));

    assertThat(UserJourney.ended(session))
        .hasValueSatisfying(
            j -> {
              assertThat(j.durationNanos()).isEqualTo(60 * MS);
              assertThat(j.turns()).isEqualTo(1);
              assertThat(j.failed()).isFalse();
            });
  }
}
