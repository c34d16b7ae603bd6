package onlinebench.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static onlinebench.openai.Chunks.DONE;
import static onlinebench.openai.Chunks.FINISH_LENGTH;
import static onlinebench.openai.Chunks.ROLE;
import static onlinebench.openai.Chunks.STREAM;
import static onlinebench.openai.Chunks.STREAM_EVENTS;
import static onlinebench.openai.Chunks.USAGE;
import static onlinebench.openai.Chunks.content;
import static onlinebench.openai.Chunks.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseChatParserTest {

  private final RecordingListener listener = new RecordingListener();
  private final SseChatParser parser = new SseChatParser(listener);

  // --- what counts as a token chunk ---

  @Test
  void roleOnlyFirstChunkIsNotAToken() {
    assertThat(feed(ROLE)).isEmpty();
    assertThat(
            feed(
                event(
                    "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}")))
        .isEmpty();
    assertThat(feed(event("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}")))
        .isEmpty();
    assertThat(parser.tokenChunks()).isZero();
  }

  @Test
  void emptyOrNullContentIsNotAToken() {
    assertThat(feed(content(""), event("{\"choices\":[{\"delta\":{\"content\":null}}]}")))
        .isEmpty();
  }

  @Test
  void contentChunksAreCountedOneEach() {
    assertThat(feed(content("a"), content(" b"), content("c")))
        .containsExactly("token@1", "token@2", "token@3");
    assertThat(parser.tokenChunks()).isEqualTo(3);
  }

  @Test
  void escapedNewlineIsAToken() {
    assertThat(feed(content("\\n"))).containsExactly("token@1");
  }

  @Test
  void reasoningContentAndReasoningAreTokensButNotAnswers() {
    feed(
        event("{\"choices\":[{\"delta\":{\"reasoning_content\":\"think\"}}]}"),
        event("{\"choices\":[{\"delta\":{\"reasoning\":\"more\",\"content\":null}}]}"),
        event("{\"choices\":[{\"delta\":{\"reasoning_content\":\"\"}}]}"));
    assertThat(listener.events).containsExactly("reasoning@1", "reasoning@2");
    assertThat(parser.tokenChunks()).isEqualTo(2);
  }

  @Test
  void ollamaReasoningBesideAnEmptyContentIsReasoningOnly() {
    // ollama/ollama openai/openai.go ToChunk: Delta{Role, Content, Reasoning}, content "" while
    // thinking
    assertThat(
            feed(
                event(
                    "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                        + "\"reasoning\":\"hmm\"},\"finish_reason\":null}]}")))
        .containsExactly("reasoning@1");
  }

  @Test
  void vllmReasoningCopiedIntoReasoningContentIsOneReasoningChunk() {
    // vllm-project/vllm vllm/entrypoints/openai/engine/protocol.py DeltaMessage copies reasoning
    // into the deprecated reasoning_content, and sets it to null on answer chunks
    assertThat(
            feed(
                event(
                    "{\"choices\":[{\"delta\":{\"reasoning\":\"a\",\"reasoning_content\":\"a\"}}]}"),
                event(
                    "{\"choices\":[{\"delta\":{\"content\":\"b\",\"reasoning\":null,"
                        + "\"reasoning_content\":null}}]}")))
        .containsExactly("reasoning@1", "token@2");
  }

  @Test
  void aChunkCarryingReasoningAndAnswerTextIsAnAnswer() {
    // ggml-org/llama.cpp common/chat.cpp: one diff can set reasoning_content and content together
    assertThat(
            feed(
                event(
                    "{\"choices\":[{\"delta\":{\"reasoning_content\":\"done.\","
                        + "\"content\":\"Hi\"}}]}")))
        .containsExactly("token@1");
  }

  @Test
  void aReasoningChunkWithItsFinishReasonIsReadByJacksonAlike() {
    assertThat(
            feed(
                event(
                    "{\"choices\":[{\"delta\":{\"reasoning_content\":\"x\"},"
                        + "\"finish_reason\":\"length\"}]}"),
                event(
                    "{\"choices\":[{\"delta\":{\"content\":\"y\"},\"finish_reason\":\"stop\"}]}")))
        .containsExactly("reasoning@1", "finish:length", "token@2", "finish:stop");
  }

  @Test
  void reasoningChunksThenAnswerChunksKeepTheirKindThroughTheFastPath() {
    String reasoning =
        "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"%s\"}}]}";
    String answer = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"}}]}";
    assertThat(
            withoutTimes(
                feed(
                    event(reasoning.formatted("a")),
                    event(reasoning.formatted("bb")),
                    event(reasoning.formatted("")),
                    event(answer.formatted("c")),
                    event(answer.formatted("dd")),
                    event(answer.formatted("")))))
        .containsExactly("reasoning", "reasoning", "token", "token");
  }

  @Test
  void usageReportsReasoningTokensFromCompletionTokensDetails() {
    assertThat(
            feed(
                event(
                    "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":70,"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":64,"
                        + "\"accepted_prediction_tokens\":0}}}")))
        .containsExactly("usage:5/70/64");
  }

  @Test
  void usageReportsSglangTopLevelReasoningTokens() {
    // sgl-project/sglang python/sglang/srt/entrypoints/openai/protocol.py UsageInfo
    assertThat(
            feed(
                event(
                    "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":70,"
                        + "\"prompt_tokens_details\":null,\"reasoning_tokens\":64}}")))
        .containsExactly("usage:5/70/64");
  }

  @Test
  void completionTokensDetailsWinOverTheTopLevelCount() {
    assertThat(
            feed(
                event(
                    "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":70,"
                        + "\"reasoning_tokens\":0,\"completion_tokens_details\":{\"reasoning_tokens\":64}}}")))
        .containsExactly("usage:5/70/64");
  }

  @Test
  void absentOrNullReasoningTokensAreUnknown() {
    assertThat(
            feed(
                event(
                    "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,"
                        + "\"completion_tokens_details\":null}}"),
                event(
                    "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":null}}}")))
        .containsExactly("usage:5/7", "usage:5/7");
  }

  @Test
  void completionsStreamCountsEachNonEmptyTextChunkLikeContent() {
    assertThat(
            feed(
                Chunks.text(" Hello"),
                Chunks.text(""),
                Chunks.text(" wor\\\"ld"),
                Chunks.TEXT_FINISH_LENGTH,
                Chunks.TEXT_USAGE,
                DONE))
        .containsExactly("token@1", "token@3", "finish:length", "usage:7/2", "done");
    assertThat(parser.tokenChunks()).isEqualTo(2);
  }

  @Test
  void roleAndContentTogetherIsAToken() {
    assertThat(
            feed(event("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}")))
        .containsExactly("token@1");
  }

  @Test
  void escapedQuotesAndUnicodeEscapesInContentAreTokens() {
    assertThat(feed(content("say \\\"hi\\\" \\u00e9"), content("\\\""), content("\\\\")))
        .containsExactly("token@1", "token@2", "token@3");
  }

  @Test
  void rawUtf8ContentIsAToken() {
    assertThat(feed(content("日本語 😀"))).containsExactly("token@1");
  }

  @Test
  void keysInAnyOrderAreUnderstood() {
    assertThat(
            feed(
                event(
                    "{\"choices\":[{\"finish_reason\":null,\"delta\":{\"content\":\"x\"},\"index\":0}]}")))
        .containsExactly("token@1");
  }

  @Test
  void unknownFieldsAreIgnored() {
    String chunk =
        "{\"system_fingerprint\":\"fp\",\"timings\":{\"predicted_ms\":1.5e0,\"a\":[true,false,null,-0.25]},"
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\",\"extra\":{\"content\":\"\"}},"
            + "\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":-0.1}]},\"x\":{}}],\"usage\":null}";
    assertThat(feed(event(chunk))).containsExactly("token@1");
  }

  @Test
  void contentOutsideDeltaIsNotAToken() {
    feed(
        event(
            "{\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":{\"content\":[{\"token\":\"x\"}]}}]}"),
        event("{\"content\":\"x\",\"choices\":[{\"message\":{\"content\":\"x\"},\"delta\":{}}]}"));
    assertThat(listener.events).isEmpty();
  }

  @Test
  void toolCallArgumentsAreAnswerTokens() {
    // generated text counted in completion_tokens: see ChatStreamListener#onTokenChunk
    assertThat(
            feed(
                event(
                    "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\"\"}}]}}]}")))
        .containsExactly("token@1");
  }

  @Test
  void severalChoicesWithTextCountAsOneTokenChunkPerEvent() {
    feed(
        event(
            "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}"),
        event(
            "{\"choices\":[{\"index\":0,\"delta\":{}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}"));
    assertThat(listener.events).containsExactly("token@1", "token@2");
  }

  @Test
  void escapedKeyIsDecodedBeforeMatching() {
    assertThat(feed(event("{\"choices\":[{\"delta\":{\"con\\u0074ent\":\"x\"}}]}")))
        .containsExactly("token@1");
  }

  // --- finish, usage, [DONE], errors ---

  @Test
  void finishChunkReportsItsReasonAndIsNotAToken() {
    assertThat(feed(FINISH_LENGTH)).containsExactly("finish:length");
  }

  @Test
  void finishReasonOnAContentChunkReportsBothTokenFirst() {
    assertThat(
            feed(
                event(
                    "{\"choices\":[{\"delta\":{\"content\":\".\"},\"finish_reason\":\"stop\"}]}")))
        .containsExactly("token@1", "finish:stop");
  }

  @Test
  void finalUsageChunkWithEmptyChoicesReportsUsage() {
    assertThat(feed(USAGE)).containsExactly("usage:29/3");
  }

  @Test
  void absentUsageFieldIsMinusOne() {
    assertThat(feed(event("{\"choices\":[],\"usage\":{\"prompt_tokens\":5}}")))
        .containsExactly("usage:5/-1");
  }

  @Test
  void nullUsageOnContentChunksIsNotUsage() {
    assertThat(feed(content("a"), ROLE)).containsExactly("token@1");
  }

  @Test
  void doneMarkerEndsTheStream() {
    assertThat(parser.sawDone()).isFalse();
    assertThat(feed(content("a"), DONE)).containsExactly("token@1", "done");
    assertThat(parser.sawDone()).isTrue();
  }

  @Test
  void midStreamErrorReportsItsMessage() {
    feed(
        content("a"),
        event(
            "{\"error\":{\"message\":\"out of memory\",\"type\":\"server_error\",\"code\":500}}"));
    parser.endOfInput();
    assertThat(listener.events).containsExactly("token@1", "error:out of memory");
    assertThat(parser.sawDone()).isFalse();
  }

  @Test
  void errorWithoutMessageReportsTheRawData() {
    assertThat(feed(event("{\"error\":{\"code\":500}}")))
        .containsExactly("error:{\"error\":{\"code\":500}}");
  }

  @Test
  void malformedJsonIsReportedAndNeverCounted() {
    feed(
        event("{not json}"),
        event("{\"choices\":[{\"delta\":{\"content\":\"a\""),
        event("{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}}"),
        event("[1,2]"),
        "data:\n\n");
    assertThat(listener.events).containsOnly("malformed").hasSize(5);
    assertThat(listener.malformedDetails.get(0))
        .contains("{not json}")
        .hasSizeLessThanOrEqualTo(200);
    assertThat(parser.tokenChunks()).isZero();
  }

  @Test
  void oversizedEventIsReportedAndTheStreamGoesOn() {
    SseChatParser small = new SseChatParser(listener, 256);
    byte[] big = (content("x".repeat(300)) + content("y")).getBytes(UTF_8);
    small.feed(big, 0, big.length, 1);
    assertThat(listener.events).containsExactly("malformed", "token@1");
    assertThat(listener.malformedDetails.get(0)).contains("exceeds 256 bytes");
  }

  // --- SSE framing ---

  @Test
  void wholeRealisticStreamInOneRead() {
    assertThat(withoutTimes(feed(STREAM))).containsExactly(STREAM_EVENTS);
    assertThat(parser.tokenChunks()).isEqualTo(3);
    assertThat(parser.sawDone()).isTrue();
  }

  @Test
  void eventsSplitAtEveryBytePositionGiveTheSameResult() {
    byte[] stream = STREAM.getBytes(UTF_8);
    for (int split = 0; split <= stream.length; split++) {
      RecordingListener l = new RecordingListener();
      SseChatParser p = new SseChatParser(l);
      p.feed(stream, 0, split, 1);
      p.feed(stream, split, stream.length - split, 2);
      p.endOfInput();
      assertThat(withoutTimes(l.events)).as("split at %d", split).containsExactly(STREAM_EVENTS);
    }
  }

  @Test
  void streamFedOneByteAtATimeGivesTheSameResult() {
    byte[] stream = STREAM.getBytes(UTF_8);
    for (int i = 0; i < stream.length; i++) {
      parser.feed(stream, i, 1, i);
    }
    parser.endOfInput();
    assertThat(withoutTimes(listener.events)).containsExactly(STREAM_EVENTS);
  }

  @Test
  void arrivalTimeIsTheOneOfTheReadThatCompletedTheEvent() {
    String a = content("a");
    String b = content("b");
    // read 1: all of a but its blank line; read 2: a's blank line and half of b; read 3: the rest
    // of b.
    feed(a.substring(0, a.length() - 1), "\n" + b.substring(0, 20), b.substring(20));
    assertThat(listener.events).containsExactly("token@2", "token@3");
  }

  @Test
  void severalEventsInOneReadShareItsArrivalTime() {
    assertThat(feed(content("a") + content("b") + content("c")))
        .containsExactly("token@1", "token@1", "token@1");
  }

  @Test
  void crlfAndLoneCrLineEndsAreAccepted() {
    String crlf = STREAM.replace("\n", "\r\n");
    String cr = STREAM.replace("\n", "\r");
    assertThat(withoutTimes(feed(crlf))).containsExactly(STREAM_EVENTS);
    assertThat(withoutTimes(new SseChatParserTest().feed(cr))).containsExactly(STREAM_EVENTS);
  }

  @Test
  void crlfSplitBetweenCrAndLfIsOneLineEnd() {
    assertThat(feed("data: {\"choices\":[]}\r", "\n\r", "\ndata: [DONE]\r\n\r\n"))
        .containsExactly("done");
  }

  @Test
  void commentLinesAndKeepAlivesAreIgnored() {
    assertThat(feed(":\n\n: ping\n\n", ": ping - 2026\n" + content("a")))
        .containsExactly("token@2");
  }

  @Test
  void eventIdAndRetryFieldsAreIgnored() {
    assertThat(feed("event: message\nid: 7\nretry: 1000\n" + content("a") + "event: ping\n\n"))
        .containsExactly("token@1");
  }

  @Test
  void onlyTheExactDataFieldNameCarriesData() {
    assertThat(feed("Data: [DONE]\n\ndatax: [DONE]\n\ndat: [DONE]\n\n")).isEmpty();
  }

  @Test
  void dataWithoutTheLeadingSpaceIsAccepted() {
    assertThat(feed("data:{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata:[DONE]\n\n"))
        .containsExactly("token@1", "done");
  }

  @Test
  void onlyOneLeadingSpaceIsRemoved() {
    assertThat(feed("data:  [DONE]\n\n"))
        .as("JSON whitespace around [DONE] is tolerated")
        .containsExactly("done");
    assertThat(feed("data:  {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"))
        .endsWith("token@2");
  }

  @Test
  void multiLineDataIsJoinedWithLineFeeds() {
    assertThat(
            feed(
                "data: {\"choices\":[{\"index\":0,\n"
                    + "data: \"delta\":{\"content\":\"a\"}}],\n"
                    + "data:\"usage\":null}\n\n"))
        .containsExactly("token@1");
  }

  @Test
  void byteOrderMarkAtTheStartIsSkipped() {
    byte[] stream = ("\uFEFF" + content("a")).getBytes(UTF_8);
    assertThat(stream[0]).isEqualTo((byte) 0xEF);
    parser.feed(stream, 0, 1, 1);
    parser.feed(stream, 1, 2, 2);
    parser.feed(stream, 3, stream.length - 3, 3);
    assertThat(listener.events).containsExactly("token@3");
  }

  @Test
  void streamCutMidEventIsReportedAndNotCounted() {
    String cut = content("b").substring(0, 40);
    feed(ROLE + content("a") + cut);
    parser.endOfInput();
    assertThat(listener.events).containsExactly("token@1", "incomplete:40");
    assertThat(parser.sawDone()).isFalse();
    assertThat(parser.tokenChunks()).isEqualTo(1);
  }

  @Test
  void eventWithoutItsBlankLineAtEndOfInputIsDiscarded() {
    feed("data: [DONE]\n");
    parser.endOfInput();
    assertThat(listener.events).containsExactly("incomplete:13");
    assertThat(parser.sawDone()).isFalse();
  }

  @Test
  void cleanEndReportsNothingIncomplete() {
    feed(content("a") + DONE + ": bye\n");
    parser.endOfInput();
    assertThat(listener.events).containsExactly("token@1", "done");
  }

  @Test
  void feedAfterEndOfInputIsAnError() {
    parser.endOfInput();
    assertThatThrownBy(() -> feed("data: [DONE]\n\n")).isInstanceOf(IllegalStateException.class);
  }

  // --- Netty buffers ---

  @Test
  void heapAndDirectBuffersAreReadWithoutTouchingTheirIndices() {
    byte[] stream =
        STREAM.repeat(300).getBytes(UTF_8); // larger than the copy buffer for direct reads
    ByteBuf heap = Unpooled.wrappedBuffer(new byte[7], stream).copy(7, stream.length);
    ByteBuf direct = Unpooled.directBuffer(stream.length).writeBytes(stream);
    try {
      for (ByteBuf buf : List.of(heap, direct)) {
        RecordingListener l = new RecordingListener();
        SseChatParser p = new SseChatParser(l);
        p.feed(buf, 5);
        assertThat(buf.readerIndex()).isZero();
        assertThat(buf.readableBytes()).isEqualTo(stream.length);
        assertThat(p.tokenChunks()).isEqualTo(900);
        assertThat(l.events).hasSize(300 * STREAM_EVENTS.length);
      }
    } finally {
      heap.release();
      direct.release();
    }
  }

  @Test
  void bufferReaderIndexMarksWhereTheBodyStarts() {
    ByteBuf buf = Unpooled.copiedBuffer("junk" + content("a"), UTF_8);
    try {
      buf.readerIndex(4);
      parser.feed(buf, 9);
      assertThat(listener.events).containsExactly("token@9");
    } finally {
      buf.release();
    }
  }

  /**
   * Feeds each string as one read; read i (from 1) arrives at nanoTime i. Returns all events so
   * far.
   */
  private List<String> feed(String... reads) {
    for (String read : reads) {
      byte[] bytes = read.getBytes(UTF_8);
      parser.feed(bytes, 0, bytes.length, readsFed++ + 1);
    }
    return listener.events;
  }

  private int readsFed;

  private static List<String> withoutTimes(List<String> events) {
    return Arrays.asList(
        events.stream().map(e -> e.replaceAll("@\\d+$", "")).toArray(String[]::new));
  }
}
