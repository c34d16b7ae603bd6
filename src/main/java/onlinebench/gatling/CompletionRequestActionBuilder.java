package onlinebench.gatling;

import io.gatling.javaapi.core.Session;
import java.util.Map;
import java.util.function.Function;
import onlinebench.record.RequestSink;

/**
 * A legacy completion ({@code POST <baseUrl>/completions}) sent from a scenario, its {@code prompt}
 * text taken from the session: {@link LlmDsl#completion(String)}. Immutable, as {@link
 * ChatRequestActionBuilder}, whose options it has where they make sense for a bare prompt, and
 * whose action it builds: the same socket timing, Gatling entries ({@code "<name>"} and, streamed,
 * {@code "<name> TTFT"}), error kinds and checks. Needs the {@link LlmDsl#llm() llm} protocol.
 *
 * <pre>{@code
 * exec(completion("complete").prompt("Once upon a time, #{hero}").stream().maxTokens(64)
 *     .saveAnswerAs("story"))
 * }</pre>
 *
 * <p>The answer is {@code choices[0].text}, joined over the chunks when streamed (each chunk's
 * {@code choices[].text}, as llama-server sends in shared/wire/llama.cpp/completions-stream.txt;
 * read by {@link onlinebench.openai.ChatResponseReader}). No chat template is applied: the server
 * gets the prompt as written.
 */
public final class CompletionRequestActionBuilder implements io.gatling.javaapi.core.ActionBuilder {
  private final ChatRequestActionBuilder request;

  private CompletionRequestActionBuilder(ChatRequestActionBuilder request) {
    this.request = request;
  }

  static CompletionRequestActionBuilder named(String name) {
    return new CompletionRequestActionBuilder(ChatRequestActionBuilder.completionNamed(name));
  }

  /** The request name: Gatling's report entry. */
  public String name() {
    return request.name();
  }

  /**
   * The prompt, a Gatling EL string resolved from the session for each request: {@code "#{text}"},
   * {@code "Translate: #{line}"}, or plain text. Replaces a prompt given before.
   */
  public CompletionRequestActionBuilder prompt(String el) {
    return new CompletionRequestActionBuilder(request.prompt(el));
  }

  /** The prompt computed from the session for each request; replaces a prompt given before. */
  public CompletionRequestActionBuilder prompt(Function<Session, String> function) {
    return new CompletionRequestActionBuilder(request.prompt(function));
  }

  /** Streams the answer (SSE), which adds the time to first token. */
  public CompletionRequestActionBuilder stream() {
    return stream(true);
  }

  /** Whether to stream, overriding the protocol's default. */
  public CompletionRequestActionBuilder stream(boolean streamed) {
    return new CompletionRequestActionBuilder(request.stream(streamed));
  }

  /** {@code max_tokens} of this action's requests, overriding the protocol's; at least 1. */
  public CompletionRequestActionBuilder maxTokens(int tokens) {
    return new CompletionRequestActionBuilder(request.maxTokens(tokens));
  }

  /**
   * Fields merged into every request body, as {@link ChatRequestActionBuilder#extraBody}: it may
   * not set {@code model}, {@code messages}, {@code prompt} or {@code stream}.
   */
  public CompletionRequestActionBuilder extraBody(Map<String, Object> fields) {
    return new CompletionRequestActionBuilder(request.extraBody(fields));
  }

  /**
   * Puts the answer text ({@code choices[0].text}) into the session under {@code key} after each
   * successful request; a failed request leaves the attribute as it was.
   */
  public CompletionRequestActionBuilder saveAnswerAs(String key) {
    return new CompletionRequestActionBuilder(request.saveAnswerAs(key));
  }

  /** Checks the answer must pass (see {@link LlmCheck}); added to any given before. */
  public CompletionRequestActionBuilder check(LlmCheck... checks) {
    return new CompletionRequestActionBuilder(request.check(checks));
  }

  /** Every request's record goes to {@code sink} too, besides Gatling's stats. */
  public CompletionRequestActionBuilder recordTo(RequestSink sink) {
    return new CompletionRequestActionBuilder(request.recordTo(sink));
  }

  /** The chat builder this completion is: for tests of the turn it builds. */
  ChatRequestActionBuilder request() {
    return request;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return request.asScala();
  }
}
