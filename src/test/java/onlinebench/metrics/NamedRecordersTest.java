package onlinebench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import onlinebench.record.SessionRecord;
import org.junit.jupiter.api.Test;

class NamedRecordersTest {
  private static final long MS = 1_000_000;

  private final NamedRecorders recorders = new NamedRecorders(Optional.empty(), ClockAnchor.now());

  private static RequestRecord ok(long out) {
    return RequestRecord.completed(0, 100 * MS, OptionalLong.of(10), OptionalLong.of(out));
  }

  private static RequestRecord sentAt(long ms) {
    return RequestRecord.completed(
        ms * MS, (ms + 100) * MS, OptionalLong.of(10), OptionalLong.of(1));
  }

  @Test
  void eachNameCountsItsOwnRequestsAndTheWholeRunCountsThemAll() {
    RequestSink search = recorders.sink("search");
    RequestSink answer = recorders.sink("answer");
    search.record(ok(5));
    answer.record(ok(40));
    answer.record(RequestRecord.failed(0, 5 * MS, 503, ErrorKind.HTTP_5XX, "HTTP 503"));

    NamedRecorders.Snapshot snapshot = recorders.snapshot();
    Summary all = snapshot.all().summary();
    Summary searchOnly = snapshot.summariesByName().get("search");
    Summary answerOnly = snapshot.summariesByName().get("answer");

    assertThat(searchOnly.completed()).isEqualTo(1);
    assertThat(searchOnly.failed()).isZero();
    assertThat(searchOnly.totalOutputTokens()).isEqualTo(5);
    assertThat(answerOnly.completed()).isEqualTo(1);
    assertThat(answerOnly.failed()).isEqualTo(1);
    assertThat(answerOnly.errors()).containsEntry(ErrorKind.HTTP_5XX, 1L);
    assertThat(all.total())
        .as("the whole run is the sum of its names")
        .isEqualTo(searchOnly.total() + answerOnly.total());
    assertThat(all.totalOutputTokens()).isEqualTo(45);
  }

  @Test
  void namesComeInTheOrderOfTheirFirstSendAndTwoActionsMayShareOne() {
    // Gatling builds a chain's actions from its end: the later action asks for its sink first
    RequestSink later = recorders.sink("follow-up");
    RequestSink first = recorders.sink("question");
    RequestSink again = recorders.sink("question");
    first.requestStarting(10 * MS);
    later.requestStarting(20 * MS);
    first.record(sentAt(10));
    later.record(sentAt(20));
    again.record(sentAt(30));

    NamedRecorders.Snapshot snapshot = recorders.snapshot();

    assertThat(snapshot.byName().keySet()).containsExactly("question", "follow-up");
    assertThat(snapshot.summariesByName().get("question").completed())
        .as("both sinks of one name feed one recorder")
        .isEqualTo(2);
  }

  @Test
  void aNameThatNeverSentIsLeftOut() {
    recorders.sink("in-an-untaken-doIf");
    recorders.sink("chat").record(ok(1));

    assertThat(recorders.snapshot().byName().keySet()).containsExactly("chat");
  }

  @Test
  void sessionsBelongToTheWholeRunOnly() {
    recorders.sink("chat").record(ok(3));
    recorders.recordSession(new SessionRecord(0, 200 * MS, 2, false));
    recorders.recordSession(new SessionRecord(0, 300 * MS, 1, true));

    NamedRecorders.Snapshot snapshot = recorders.snapshot();

    SessionStats sessions = snapshot.all().summary().sessions();
    assertThat(sessions).isNotNull();
    assertThat(sessions.completed()).isEqualTo(1);
    assertThat(sessions.failed()).isEqualTo(1);
    assertThat(snapshot.summariesByName().get("chat").sessions())
        .as("a request name has no sessions of its own")
        .isNull();
  }

  @Test
  void aFrozenRunCountsNothingMore() {
    RequestSink chat = recorders.sink("chat");
    chat.record(ok(3));
    recorders.freeze();
    chat.record(ok(3));
    recorders.sink("late").record(ok(3));

    NamedRecorders.Snapshot snapshot = recorders.snapshot();

    assertThat(snapshot.all().summary().completed()).isEqualTo(1);
    assertThat(snapshot.summariesByName().get("chat").completed()).isEqualTo(1);
  }
}
