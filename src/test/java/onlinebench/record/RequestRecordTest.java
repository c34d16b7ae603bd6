package onlinebench.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RequestRecordTest {
  private static RequestRecord streamed(long[] chunks, OptionalLong completion) {
    return new RequestRecord(
        0,
        1_000,
        chunks.length == 0 ? OptionalLong.empty() : OptionalLong.of(chunks[0]),
        chunks,
        OptionalLong.of(3),
        completion,
        200,
        Optional.empty(),
        "",
        Optional.empty(),
        OptionalInt.empty(),
        0,
        false);
  }

  @Test
  void eachWithChangesItsComponentAndKeepsEveryOther() {
    RequestRecord r = streamed(new long[] {100, 400}, OptionalLong.of(2));

    RequestRecord changed =
        r.withRequestId("id-1")
            .withErrorMessage("masked")
            .withRequestedMaxTokens(64)
            .withIntendedStart(-5);

    assertThat(changed.requestId()).hasValue("id-1");
    assertThat(changed.errorMessage()).isEqualTo("masked");
    assertThat(changed.requestedMaxTokens()).hasValue(64);
    assertThat(changed.intendedStartNanos()).isEqualTo(-5);
    assertThat(changed.startNanos()).isEqualTo(r.startNanos());
    assertThat(changed.endNanos()).isEqualTo(r.endNanos());
    assertThat(changed.firstTokenNanos()).isEqualTo(r.firstTokenNanos());
    assertThat(changed.tokenChunkNanos()).isSameAs(r.tokenChunkNanos());
    assertThat(changed.promptTokens()).isEqualTo(r.promptTokens());
    assertThat(changed.completionTokens()).isEqualTo(r.completionTokens());
    assertThat(changed.httpStatus()).isEqualTo(r.httpStatus());
    assertThat(changed.error()).isEqualTo(r.error());
    assertThat(r.withIntendedStart(-5).requestId()).isEmpty();
  }

  @Test
  void tpotDividesDecodeTimeByTokensAfterTheFirst() {
    RequestRecord r = streamed(new long[] {100, 400, 700, 1_000}, OptionalLong.of(4));
    assertThat(r.timeToFirstTokenNanos()).hasValue(100);
    assertThat(r.timePerOutputTokenNanos()).hasValue(300);
  }

  @Test
  void noTpotForASingleToken() {
    assertThat(streamed(new long[] {100}, OptionalLong.of(1)).timePerOutputTokenNanos()).isEmpty();
  }

  @Test
  void outputTokensFallBackToChunkCountAndSaySo() {
    RequestRecord r = streamed(new long[] {100, 200}, OptionalLong.empty());
    assertThat(r.outputTokens()).hasValue(2);
    assertThat(r.outputTokensEstimated()).isTrue();
    assertThat(streamed(new long[] {100, 200}, OptionalLong.of(5)).outputTokensEstimated())
        .isFalse();
  }
}
