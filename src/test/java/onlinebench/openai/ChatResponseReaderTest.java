package onlinebench.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import onlinebench.config.Endpoint;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.junit.jupiter.api.Test;

class ChatResponseReaderTest {
  private static final String OK_BODY =
      "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
          + "\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,"
          + "\"total_tokens\":15,\"prompt_tokens_details\":{\"cached_tokens\":0}},\"timings\":{}}";

  private static RequestRecord exchange(int status, String... chunks) {
    ChatResponseReader reader = ChatResponseReader.completion(Endpoint.CHAT);
    reader.onResponse(status, "application/json");
    long t = 100;
    for (String chunk : chunks) {
      reader.onBodyChunk(Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8), t++);
    }
    return reader.onBodyEnd(0, 1_000);
  }

  @Test
  void okResponseCarriesUsageTokens() {
    RequestRecord r = exchange(200, OK_BODY.substring(0, 40), OK_BODY.substring(40));
    assertThat(r.ok()).isTrue();
    assertThat(r.promptTokens()).hasValue(12);
    assertThat(r.completionTokens()).hasValue(3);
    assertThat(r.e2eNanos()).isEqualTo(1_000);
  }

  @Test
  void responseWithoutUsageStaysOkAndInventsNoTokens() {
    RequestRecord r = exchange(200, "{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}");
    assertThat(r.ok()).isTrue();
    assertThat(r.promptTokens()).isEmpty();
    assertThat(r.outputTokens()).isEmpty();
  }

  @Test
  void bodyWithoutMessageIsABadResponse() {
    RequestRecord r = exchange(200, "{\"choices\":[]}");
    assertThat(r.error()).contains(ErrorKind.BAD_RESPONSE);
    assertThat(r.errorMessage()).contains("choices[0].message");
  }

  @Test
  void completionsAnswerCarriesItsTextAndUsage() {
    ChatResponseReader reader = ChatResponseReader.completion(Endpoint.COMPLETIONS);
    reader.onResponse(200, "application/json");
    String body =
        "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,"
            + "\"text\":\" hi\",\"logprobs\":null,\"finish_reason\":\"length\"}],"
            + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"total_tokens\":6}}";
    reader.onBodyChunk(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), 1);

    RequestRecord r = reader.onBodyEnd(0, 1_000);

    assertThat(r.ok()).isTrue();
    assertThat(r.promptTokens()).hasValue(4);
    assertThat(r.completionTokens()).hasValue(2);
  }

  @Test
  void completionsAnswerWithoutTextIsABadResponse() {
    ChatResponseReader reader = ChatResponseReader.completion(Endpoint.COMPLETIONS);
    reader.onResponse(200, "application/json");
    reader.onBodyChunk(Unpooled.copiedBuffer(OK_BODY, StandardCharsets.UTF_8), 1);

    RequestRecord r = reader.onBodyEnd(0, 1_000);

    assertThat(r.error()).contains(ErrorKind.BAD_RESPONSE);
    assertThat(r.errorMessage()).isEqualTo("no choices[0].text in the response body");
  }

  @Test
  void bodyThatIsNotJsonIsABadResponse() {
    assertThat(exchange(200, "<html>oops</html>").error()).contains(ErrorKind.BAD_RESPONSE);
  }

  @Test
  void httpErrorsAreSortedByStatusClassWithTheServersMessage() {
    String error =
        "{\"error\":{\"message\":\"The model `x` does not exist.\",\"type\":\"invalid_request_error\"}}";
    RequestRecord notFound = exchange(404, error);
    assertThat(notFound.error()).contains(ErrorKind.HTTP_4XX);
    assertThat(notFound.errorMessage()).isEqualTo("HTTP 404: The model `x` does not exist.");
    assertThat(exchange(429, "slow down").error()).contains(ErrorKind.HTTP_429);
    assertThat(exchange(503, "").error()).contains(ErrorKind.HTTP_5XX);
  }

  @Test
  void connectionLostBeforeHeadersIsAConnectionError() {
    ChatResponseReader reader = ChatResponseReader.completion(Endpoint.CHAT);
    assertThat(reader.onFailure(0, 5, ErrorKind.CONNECTION, "refused").error())
        .contains(ErrorKind.CONNECTION);
  }

  @Test
  void connectionLostAfterHeadersIsATruncatedAnswer() {
    ChatResponseReader reader = ChatResponseReader.completion(Endpoint.CHAT);
    reader.onResponse(200, "application/json");
    reader.onBodyChunk(Unpooled.copiedBuffer("{\"choi", StandardCharsets.UTF_8), 3);
    assertThat(reader.onFailure(0, 5, ErrorKind.CONNECTION, "Premature close").error())
        .contains(ErrorKind.STREAM_TRUNCATED);
  }

  @Test
  void timeoutStaysATimeoutEvenAfterHeaders() {
    ChatResponseReader reader = ChatResponseReader.completion(Endpoint.CHAT);
    reader.onResponse(200, "application/json");
    assertThat(reader.onFailure(0, 5, ErrorKind.TIMEOUT, "Request timeout").error())
        .contains(ErrorKind.TIMEOUT);
  }

  private static String data(String json) {
    return "data: " + json + "\n\n";
  }

  private static RequestRecord streamed(String... events) {
    ChatResponseReader reader = ChatResponseReader.stream(16);
    reader.onResponse(200, "text/event-stream");
    long t = 100;
    for (String event : events) {
      reader.onBodyChunk(Unpooled.copiedBuffer(event, StandardCharsets.UTF_8), t);
      t += 10;
    }
    return reader.onBodyEnd(0, 1_000);
  }

  @Test
  void aReasoningStreamTimesItsFirstAnswerApartFromItsFirstToken() {
    RequestRecord r =
        streamed(
            data("{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"),
            data("{\"choices\":[{\"delta\":{\"reasoning_content\":\"a\"}}]}"),
            data("{\"choices\":[{\"delta\":{\"reasoning_content\":\"b\"}}]}"),
            data("{\"choices\":[{\"delta\":{\"content\":\"c\"}}]}"),
            data(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,"
                    + "\"completion_tokens_details\":{\"reasoning_tokens\":2}}}"),
            "data: [DONE]\n\n");
    assertThat(r.ok()).isTrue();
    assertThat(r.timeToFirstTokenNanos()).hasValue(110);
    assertThat(r.timeToFirstAnswerNanos()).hasValue(130);
    assertThat(r.reasoningChunks()).isEqualTo(2);
    assertThat(r.reasoningTokens()).hasValue(2);
    assertThat(r.reasoningNanos()).hasValue(20);
    assertThat(r.tokenChunkNanos()).hasSize(3);
  }

  @Test
  void aStreamWithoutReasoningHasItsFirstAnswerAtItsFirstToken() {
    RequestRecord r =
        streamed(
            data("{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}"),
            data("{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}"),
            "data: [DONE]\n\n");
    assertThat(r.timeToFirstAnswerNanos()).isEqualTo(r.timeToFirstTokenNanos()).hasValue(100);
    assertThat(r.reasoningChunks()).isZero();
    assertThat(r.reasoningNanos()).isEmpty();
    assertThat(r.reasoningTokenCount()).isEmpty();
  }

  @Test
  void aStreamCutOffWhileReasoningHasNoFirstAnswer() {
    RequestRecord r =
        streamed(
            data("{\"choices\":[{\"delta\":{\"reasoning\":\"a\"},\"finish_reason\":\"length\"}]}"),
            "data: [DONE]\n\n");
    assertThat(r.ok()).isTrue();
    assertThat(r.timeToFirstTokenNanos()).hasValue(100);
    assertThat(r.timeToFirstAnswerNanos()).isEmpty();
    assertThat(r.reasoningNanos()).isEmpty();
    assertThat(r.reasoningTokenCount()).hasValue(1);
    assertThat(r.reasoningTokensCountedFromChunks()).isTrue();
  }

  @Test
  void aNonStreamedAnswerCarriesTheServersReasoningCount() {
    RequestRecord r =
        exchange(
            200,
            "{\"choices\":[{\"message\":{\"content\":\"hi\",\"reasoning_content\":\"hmm\"}}],"
                + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":66,"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":64}}}");
    assertThat(r.reasoningTokens()).hasValue(64);
    assertThat(r.reasoningTokenCount()).hasValue(64);
    assertThat(r.reasoningTokensCountedFromChunks()).isFalse();
  }

  @Test
  void cachedPromptTokensAreReadFromUsageDetailsStreamedOrNot() {
    // shared/wire/llama.cpp/chat.txt: "prompt_tokens_details":{"cached_tokens":28}
    RequestRecord plain =
        exchange(
            200,
            "{\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":29,"
                + "\"completion_tokens\":4,\"prompt_tokens_details\":{\"cached_tokens\":28}}}");
    RequestRecord streamed =
        streamed(
            data("{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}"),
            data(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":29,\"completion_tokens\":1,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":16}}}"),
            "data: [DONE]\n\n");
    assertThat(plain.cachedTokens()).hasValue(28);
    assertThat(streamed.cachedTokens()).hasValue(16);
    assertThat(exchange(200, OK_BODY).cachedTokens()).as("a reported 0 is a count").hasValue(0);
  }

  @Test
  void usageWithoutACachedCountLeavesItUnknownNotZero() {
    // SGLang: "prompt_tokens_details":null; vLLM: cached_tokens null; many servers: no details
    RequestRecord sglang =
        streamed(
            data("{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}"),
            data(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
                    + "\"prompt_tokens_details\":null,\"reasoning_tokens\":0}}"),
            "data: [DONE]\n\n");
    RequestRecord vllm =
        exchange(
            200,
            "{\"choices\":[{\"message\":{\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":3,"
                + "\"completion_tokens\":1,\"prompt_tokens_details\":{\"cached_tokens\":null}}}");
    assertThat(sglang.cachedTokens()).isEmpty();
    assertThat(vllm.cachedTokens()).isEmpty();
    assertThat(sglang.promptTokens()).hasValue(3);
  }
}
