package onlinebench.simulator;

import java.time.Duration;
import java.util.Locale;

/**
 * The wire behaviour of one family of OpenAI-compatible servers ({@code sim.profile}): how it
 * shapes streams, bodies, errors and {@code /v1/models}, and how it treats connections. It never
 * changes when tokens are due: that is the {@link TimingModel}'s alone.
 *
 * <p>Each quirk below names where it was read: the server's own source (repository and path) or a
 * transcript of the real server in {@code ../shared/wire/}. Each profile names only where it
 * differs from {@link #OPENAI} ({@link WireShape#openAiExcept}); what no source showed is left as
 * OpenAI does it.
 */
public enum ServerProfile {
  /**
   * OpenAI's API reference format, and what the simulator always did: the role chunk with {@code
   * "content":""} rides with the first token, {@code "usage":null} on every chunk when usage was
   * asked for, a separate finish chunk; connections stay open.
   */
  OPENAI(WireShape.openAiExcept(nothing -> {}), ConnectionPolicy.keepOpen()),

  /** vLLM's OpenAI server (FastAPI on uvicorn). */
  VLLM(
      WireShape.openAiExcept(
          vllm -> {
            // vllm-project/vllm vllm/entrypoints/openai/serving_chat.py: the role chunk is yielded
            // on the engine's first output, which under chunked prefill carries no token yet
            // ("don't return empty chunks"); so it can come as early as prefill starts.
            vllm.roleChunk = WireShape.RoleChunk.EMPTY_AT_PREFILL;
            // serving_chat.py: model_dump_json(exclude_unset=True) leaves usage out until set.
            vllm.nullUsage = WireShape.NullUsage.ABSENT;
            // serving_chat.py: the output that finishes sets finish_reason on its own delta.
            vllm.finishOnLastToken = true;
            vllm.errors = ErrorStyle.VLLM;
            // vllm/entrypoints/openai/engine/protocol.py DeltaMessage: reasoning
            // (reasoning_content is its deprecated copy); UsageInfo has no
            // completion_tokens_details.
            vllm.reasoning = new ReasoningShape("reasoning", ReasoningShape.Count.NONE);
          }),
      // vllm-project/vllm vllm/envs.py: VLLM_HTTP_TIMEOUT_KEEP_ALIVE defaults to 5 (s), passed to
      // uvicorn's timeout_keep_alive.
      ConnectionPolicy.idleTimeout(Duration.ofSeconds(5))),

  /** SGLang's HTTP server (FastAPI on uvicorn). */
  SGLANG(
      WireShape.openAiExcept(
          sglang -> {
            // sgl-project/sglang python/sglang/srt/entrypoints/openai/serving_chat.py: "First
            // chunk with role", yielded as its own event before the first content.
            sglang.roleChunk = WireShape.RoleChunk.EMPTY_OWN_WRITE;
            // same file: chunk.model_dump_json() without exclusions, so "usage":null on every
            // chunk.
            sglang.nullUsage = WireShape.NullUsage.ALWAYS;
            // python/sglang/srt/entrypoints/openai/protocol.py UsageInfo: prompt_tokens_details
            // (None) and reasoning_tokens (0) always serialised.
            sglang.usageExtras = WireShape.UsageExtras.NULL_DETAILS_AND_REASONING;
            sglang.errors = ErrorStyle.SGLANG;
            sglang.models = ModelsStyle.SGLANG;
            // protocol.py DeltaMessage and ChatMessage: reasoning_content; usage_processor.py
            // calculate_streaming_usage fills UsageInfo.reasoning_tokens.
            sglang.reasoning =
                new ReasoningShape("reasoning_content", ReasoningShape.Count.TOP_LEVEL);
          }),
      // python/sglang/srt/entrypoints/http_server.py launch_server: uvicorn.run(...,
      // timeout_keep_alive=5).
      ConnectionPolicy.idleTimeout(Duration.ofSeconds(5))),

  /** llama.cpp's {@code llama-server} (cpp-httplib). */
  LLAMACPP(
      WireShape.openAiExcept(
          llamacpp -> {
            // ../shared/wire/llama.cpp/chat-stream.txt: "content":null, one HTTP chunk with
            // token 1.
            llamacpp.roleChunk = WireShape.RoleChunk.NULL_WITH_FIRST_TOKEN;
            // chat-stream.txt: no usage key before the usage chunk. (Its separate finish chunk
            // with an empty delta is OpenAI's.)
            llamacpp.nullUsage = WireShape.NullUsage.ABSENT;
            // chat.txt, chat-stream.txt: "system_fingerprint":"b0-unknown" on a build without
            // tag.
            llamacpp.systemFingerprint = "b0-unknown";
            // chat.txt: usage.prompt_tokens_details.cached_tokens.
            llamacpp.usageExtras = WireShape.UsageExtras.CACHED_TOKENS;
            // chat.txt, chat-stream.txt: a timings object beside usage.
            llamacpp.timings = true;
            // chat-stream.txt: the finish and usage chunks share one HTTP chunk.
            llamacpp.usageWithFinish = true;
            // completions-stream.txt: usage and timings ride on the finish chunk.
            llamacpp.textUsageOnFinishChunk = true;
            // ../shared/notes/openai-wire-format.md: llama.cpp accepts any model name.
            llamacpp.anyModel = true;
            llamacpp.errors = ErrorStyle.LLAMACPP;
            llamacpp.models = ModelsStyle.LLAMACPP;
            llamacpp.headers = HeaderStyle.LLAMACPP;
            // ggml-org/llama.cpp common/chat.cpp common_chat_msg_diff_to_json_oaicompat:
            // delta.reasoning_content; no source read for a usage count: OpenAI's place, so the
            // reasoning shape stays OpenAI's.
          }),
      new ConnectionPolicy(
          // every transcript: "Keep-Alive: timeout=5, max=100". ggml-org/llama.cpp
          // vendor/cpp-httplib/httplib.cpp process_and_close_socket: keep_alive_max_count_ is the
          // limit of requests per connection; cpp-httplib's write_response_core prints that same
          // limit as max= on every response and says Connection: close instead on the last one.
          Duration.ofSeconds(5),
          100,
          true,
          // two-streams-one-connection.txt.
          true,
          // error-bad-json.txt, error-no-messages.txt: Connection: close.
          true)),

  /** Hugging Face text-generation-inference's router (axum). */
  TGI(
      WireShape.openAiExcept(
          tgi -> {
            // huggingface/text-generation-inference router/src/chat.rs
            // create_event_from_stream_token: every delta is {"role":"assistant","content":...},
            // no role chunk.
            tgi.roleChunk = WireShape.RoleChunk.IN_EVERY_DELTA;
            // chat.rs: the token with details carries finish_reason (test_chat_stream_usage).
            tgi.finishOnLastToken = true;
            tgi.errors = ErrorStyle.TGI;
            // no TGI source read for reasoning: OpenAI's field and count place (docs/simulator.md)
          }),
      ConnectionPolicy.keepOpen()),

  /** Ollama's OpenAI-compatible layer. */
  OLLAMA(
      WireShape.openAiExcept(
          ollama -> {
            // ollama/ollama openai/openai.go ToChunk: Delta: Message{Role: "assistant", Content:
            // ...}.
            ollama.roleChunk = WireShape.RoleChunk.IN_EVERY_DELTA;
            // openai.go ChatCompletionChunk: Usage *Usage `json:"usage,omitempty"`.
            ollama.nullUsage = WireShape.NullUsage.ABSENT;
            // openai.go ToChatCompletion, ToChunk: SystemFingerprint: "fp_ollama".
            ollama.systemFingerprint = "fp_ollama";
            ollama.errors = ErrorStyle.OLLAMA;
            ollama.models = ModelsStyle.OLLAMA;
            // openai.go Message.Reasoning `json:"reasoning,omitempty"` beside Content; Usage has
            // prompt, completion and total tokens only.
            ollama.reasoning = new ReasoningShape("reasoning", ReasoningShape.Count.NONE);
          }),
      ConnectionPolicy.keepOpen());

  /** The profile when {@code sim.profile} is not given. */
  public static final ServerProfile DEFAULT = OPENAI;

  private final WireShape wire;
  private final ConnectionPolicy connections;

  ServerProfile(WireShape wire, ConnectionPolicy connections) {
    this.wire = wire;
    this.connections = connections;
  }

  public WireShape wire() {
    return wire;
  }

  public ConnectionPolicy connections() {
    return connections;
  }

  /**
   * Whether usage can say {@code prompt_tokens_details.cached_tokens} when the prefix cache is on:
   * not Ollama's, whose {@code Usage} has only the three counts (ollama/ollama {@code
   * openai/openai.go}); the others as OpenAI does.
   */
  boolean reportsCachedTokens() {
    return this != OLLAMA;
  }

  /** The {@code sim.profile} value: {@code openai}, {@code vllm}, ... */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
