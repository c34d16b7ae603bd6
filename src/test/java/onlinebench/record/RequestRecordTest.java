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
        false,
        chunks.length == 0 ? OptionalLong.empty() : OptionalLong.of(chunks[0]),
        0,
        OptionalLong.empty(),
        OptionalLong.empty(),
        0);
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
    RequestRecord thinking = reasoned(2, OptionalLong.empty()).withReasoningTokens(7);
    assertThat(thinking.reasoningTokens()).hasValue(7);
    assertThat(thinking.withRequestId("x").reasoningTokens()).hasValue(7);
    assertThat(thinking.withRequestId("x").firstAnswerNanos()).hasValue(300);
    assertThat(thinking.withRequestId("x").reasoningChunks()).isEqualTo(2);
    RequestRecord turn = r.withCachedTokens(48).withTurn(3);
    assertThat(turn.withRequestId("y").cachedTokens()).hasValue(48);
    assertThat(turn.withError(ErrorKind.BAD_RESPONSE, "x").turn()).isEqualTo(3);
    assertThat(r.turn()).as("not in a session").isZero();
    assertThat(r.cachedTokens()).as("the server did not say").isEmpty();
  }

  /** Chunks at 100, 200 (reasoning only), then answers at 300, 400. */
  private static RequestRecord reasoned(int reasoningChunks, OptionalLong serverCount) {
    return new RequestRecord(
        0,
        1_000,
        OptionalLong.of(100),
        new long[] {100, 200, 300, 400},
        OptionalLong.of(3),
        OptionalLong.of(4),
        200,
        Optional.empty(),
        "",
        Optional.empty(),
        OptionalInt.empty(),
        0,
        false,
        OptionalLong.of(300),
        reasoningChunks,
        serverCount,
        OptionalLong.empty(),
        0);
  }

  @Test
  void ttfoIsTheFirstAnswerChunkAndReasoningTimeTheGapFromTheFirstToken() {
    RequestRecord r = reasoned(2, OptionalLong.of(2));
    assertThat(r.timeToFirstTokenNanos()).hasValue(100);
    assertThat(r.timeToFirstAnswerNanos()).hasValue(300);
    assertThat(r.reasoningNanos()).hasValue(200);
    assertThat(LatencyMetric.TTFO.perRequest(r)).hasValue(300);
  }

  @Test
  void withoutReasoningTtfoIsTtftAndThereIsNoReasoningTime() {
    RequestRecord r = streamed(new long[] {100, 400}, OptionalLong.of(2));
    assertThat(r.timeToFirstAnswerNanos()).isEqualTo(r.timeToFirstTokenNanos());
    assertThat(r.reasoningNanos()).isEmpty();
    assertThat(r.reasoningTokenCount()).isEmpty();
    assertThat(
            RequestRecord.completed(0, 10, OptionalLong.of(1), OptionalLong.of(1))
                .timeToFirstAnswerNanos())
        .isEmpty();
  }

  @Test
  void reasoningTokensComeFromTheServerWhenItCountedThem() {
    RequestRecord r = reasoned(2, OptionalLong.of(5));
    assertThat(r.reasoningTokenCount()).hasValue(5);
    assertThat(r.reasoningTokensCountedFromChunks()).isFalse();
  }

  @Test
  void reasoningTokensAreCountedFromChunksWithoutAServerCountAndSaySo() {
    RequestRecord r = reasoned(2, OptionalLong.empty());
    assertThat(r.reasoningTokenCount()).hasValue(2);
    assertThat(r.reasoningTokensCountedFromChunks()).isTrue();
  }

  @Test
  void aServerCountOfZeroBesideReasoningChunksIsNotBelieved() {
    // sgl-project/sglang protocol.py UsageInfo: reasoning_tokens defaults to 0, counted or not
    RequestRecord r = reasoned(2, OptionalLong.of(0));
    assertThat(r.reasoningTokenCount()).hasValue(2);
    assertThat(r.reasoningTokensCountedFromChunks()).isTrue();
    assertThat(reasoned(0, OptionalLong.of(0)).reasoningTokenCount()).hasValue(0);
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
