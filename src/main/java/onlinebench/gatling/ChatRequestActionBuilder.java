package onlinebench.gatling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.http.protocol.HttpComponents;
import io.gatling.http.protocol.HttpProtocol$;
import io.gatling.javaapi.core.internal.Expressions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import onlinebench.config.Endpoint;
import onlinebench.config.TlsTrust;
import onlinebench.openai.ChatRequestEncoder;
import onlinebench.openai.ChatResponseReader;
import onlinebench.record.RequestSink;
import org.jspecify.annotations.Nullable;
import scala.Function1;

/**
 * A chat completion sent from a scenario, with its messages taken from the session: {@link
 * LlmDsl#chat(String)}. Immutable, as Gatling's {@code HttpRequestActionBuilder}: every method
 * returns a new builder. Needs the {@link LlmDsl#llm() llm} protocol in {@code setUp}.
 *
 * <pre>{@code
 * exec(chat("ask").systemMessage("Answer in one line.").userMessage("#{question}")
 *     .conversation("history").stream().maxTokens(128)
 *     .check(LlmChecks.answer().contains("Paris")))
 * }</pre>
 *
 * <p>Each request is timed at the socket exactly as the benchmark's: E2E is Gatling's response time
 * of the entry named as the action, and a streamed request's time to first token is a second entry,
 * {@code "<name> TTFT"}, so {@code details("ask")} and {@code details("ask TTFT")} assertions work.
 * A failure is a KO with its error kind's message; the virtual user always goes on, its session
 * marked failed. The answer's text is read only when the action saves it, keeps a conversation or
 * checks it.
 *
 * <p>Every request also goes to the run's token figures under the action's name ({@link
 * ScenarioRun}): summary.json, the console summary, llm.html and {@code -Dslo} at the run's end.
 */
public final class ChatRequestActionBuilder implements io.gatling.javaapi.core.ActionBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();
  // the same fields the benchmark's -DextraBody may not set: the action owns them
  private static final Set<String> BODY_FIELDS_WE_OWN =
      Set.of("model", "messages", "prompt", "stream");

  /** Everything the builder holds; one value, so every method is a one-line copy. */
  private record Spec(
      String name,
      @Nullable String systemMessage,
      @Nullable String userMessage,
      @Nullable Function<io.gatling.javaapi.core.Session, List<ChatMessage>> messages,
      Optional<Boolean> stream,
      OptionalInt maxTokens,
      Optional<ObjectNode> extraBody,
      @Nullable String saveAnswerAs,
      @Nullable String conversation,
      List<LlmCheck> checks,
      Optional<RequestSink> recorder) {}

  private final Spec spec;

  private ChatRequestActionBuilder(Spec spec) {
    this.spec = spec;
  }

  static ChatRequestActionBuilder named(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "chat(name) needs a request name for Gatling's report, got \"" + name + "\"");
    }
    return new ChatRequestActionBuilder(
        new Spec(
            name,
            null,
            null,
            null,
            Optional.empty(),
            OptionalInt.empty(),
            Optional.empty(),
            null,
            null,
            List.of(),
            Optional.empty()));
  }

  /** The request name: Gatling's report entry. */
  public String name() {
    return spec.name;
  }

  private ChatRequestActionBuilder edit(Consumer<Draft> change) {
    Draft draft = new Draft(spec);
    change.accept(draft);
    return new ChatRequestActionBuilder(draft.build());
  }

  /** The spec's components, changeable, so that one place lists them all. */
  private static final class Draft {
    String name;
    @Nullable String systemMessage;
    @Nullable String userMessage;
    @Nullable Function<io.gatling.javaapi.core.Session, List<ChatMessage>> messages;
    Optional<Boolean> stream;
    OptionalInt maxTokens;
    Optional<ObjectNode> extraBody;
    @Nullable String saveAnswerAs;
    @Nullable String conversation;
    List<LlmCheck> checks;
    Optional<RequestSink> recorder;

    Draft(Spec s) {
      name = s.name;
      systemMessage = s.systemMessage;
      userMessage = s.userMessage;
      messages = s.messages;
      stream = s.stream;
      maxTokens = s.maxTokens;
      extraBody = s.extraBody;
      saveAnswerAs = s.saveAnswerAs;
      conversation = s.conversation;
      checks = s.checks;
      recorder = s.recorder;
    }

    Spec build() {
      return new Spec(
          name,
          systemMessage,
          userMessage,
          messages,
          stream,
          maxTokens,
          extraBody,
          saveAnswerAs,
          conversation,
          checks,
          recorder);
    }
  }

  /** One line naming the action: {@code what} is a method and its complaint, or " " + a clause. */
  private IllegalArgumentException refused(String what) {
    return new IllegalArgumentException(
        "chat(\"" + spec.name + "\")" + (what.startsWith(" ") ? "" : ".") + what);
  }

  /**
   * The user message, a Gatling EL string resolved from the session for each request: {@code
   * "#{question}"}, {@code "Summarise: #{doc}"}, or plain text.
   */
  public ChatRequestActionBuilder userMessage(String el) {
    compile("userMessage", el);
    requireNoMessagesFunction("userMessage");
    return edit(d -> d.userMessage = el);
  }

  /** A system message sent first in every request, a Gatling EL string as {@link #userMessage}. */
  public ChatRequestActionBuilder systemMessage(String el) {
    compile("systemMessage", el);
    requireNoMessagesFunction("systemMessage");
    return edit(d -> d.systemMessage = el);
  }

  /**
   * The request's whole message list, computed from the session for each request; instead of {@link
   * #userMessage}, {@link #systemMessage} and {@link #conversation}.
   */
  public ChatRequestActionBuilder messages(
      Function<io.gatling.javaapi.core.Session, List<ChatMessage>> function) {
    if (function == null) {
      throw refused("messages needs a function from the session to a list of ChatMessage");
    }
    if (spec.userMessage != null || spec.systemMessage != null || spec.conversation != null) {
      throw refused(
          "messages(..) gives the whole message list: it cannot be combined with userMessage,"
              + " systemMessage or conversation");
    }
    return edit(d -> d.messages = function);
  }

  /** Streams the answer (SSE), which adds the time to first token. */
  public ChatRequestActionBuilder stream() {
    return stream(true);
  }

  /** Whether to stream, overriding the protocol's default. */
  public ChatRequestActionBuilder stream(boolean streamed) {
    return edit(d -> d.stream = Optional.of(streamed));
  }

  /** {@code max_tokens} of this action's requests, overriding the protocol's; at least 1. */
  public ChatRequestActionBuilder maxTokens(int tokens) {
    try {
      LlmProtocolBuilder.checkMaxTokens(tokens);
    } catch (IllegalArgumentException e) {
      throw refused(e.getMessage());
    }
    return edit(d -> d.maxTokens = OptionalInt.of(tokens));
  }

  /**
   * Fields merged into every request body, overriding ours of the same name ({@code temperature},
   * {@code ignore_eos}, {@code max_tokens}, ...); any value Jackson can write. It may not set
   * {@code model}, {@code messages}, {@code prompt} or {@code stream}, which the action owns.
   */
  public ChatRequestActionBuilder extraBody(Map<String, Object> fields) {
    if (fields == null) {
      throw refused("extraBody needs a map of body fields");
    }
    for (String key : fields.keySet()) {
      if (BODY_FIELDS_WE_OWN.contains(key)) {
        throw refused(
            "extraBody must not set \""
                + key
                + "\": the action owns model, messages, prompt and stream");
      }
    }
    ObjectNode body;
    try {
      body = JSON.valueToTree(new LinkedHashMap<>(fields));
    } catch (IllegalArgumentException e) {
      throw refused("extraBody holds a value that cannot be written as JSON: " + e.getMessage());
    }
    return edit(d -> d.extraBody = Optional.of(body));
  }

  /**
   * Puts the assistant's answer text into the session under {@code key} after each successful
   * request (a String: the streamed pieces joined, or the message content); a failed request leaves
   * the attribute as it was, as Gatling's {@code saveAs} does.
   */
  public ChatRequestActionBuilder saveAnswerAs(String key) {
    requireKey("saveAnswerAs", key);
    return edit(d -> d.saveAnswerAs = key);
  }

  /**
   * Keeps a conversation in the session attribute {@code key}, an immutable {@code
   * List<ChatMessage>}: each request sends the system message, then that history, then the user
   * message; after a successful answer the history grows by the user message and the answer. A
   * failed turn leaves it unchanged. Needs {@link #userMessage}.
   */
  public ChatRequestActionBuilder conversation(String key) {
    requireKey("conversation", key);
    requireNoMessagesFunction("conversation");
    return edit(d -> d.conversation = key);
  }

  /** Checks the answer must pass (see {@link LlmCheck}); added to any given before. */
  public ChatRequestActionBuilder check(LlmCheck... checks) {
    if (checks == null || Arrays.asList(checks).contains(null)) {
      throw refused("check needs checks from LlmChecks, got null");
    }
    List<LlmCheck> all = new ArrayList<>(spec.checks);
    all.addAll(Arrays.asList(checks));
    List<LlmCheck> fixed = List.copyOf(all);
    return edit(d -> d.checks = fixed);
  }

  /**
   * Every request's record goes to {@code sink} too, besides Gatling's stats and the run's token
   * figures (which every chat action records into without it).
   */
  public ChatRequestActionBuilder recordTo(RequestSink sink) {
    if (sink == null) {
      throw refused("recordTo needs a sink");
    }
    return edit(d -> d.recorder = Optional.of(sink));
  }

  private void requireNoMessagesFunction(String what) {
    if (spec.messages != null) {
      throw refused(
          what + " cannot be combined with messages(..), which gives the whole message list");
    }
  }

  private void requireKey(String what, String key) {
    if (key == null || key.isBlank()) {
      throw refused(what + " needs a session attribute name, got \"" + key + "\"");
    }
  }

  private Function1<Session, Validation<String>> compile(String what, String el) {
    if (el == null) {
      throw refused(what + " needs a text or a Gatling EL string such as \"#{question}\"");
    }
    try {
      return Expressions.toStringExpression(el);
    } catch (Exception e) { // Gatling's ElParserException is a checked exception, thrown from Scala
      throw refused(
          what + " is not a valid Gatling EL string: \"" + el + "\" (" + e.getMessage() + ")");
    }
  }

  /** The turn this builder describes, given the protocol's default {@code max_tokens}. */
  SessionTurn turn(OptionalInt protocolMaxTokens) {
    if (spec.messages == null && spec.userMessage == null) {
      throw refused(
          " has no messages: give userMessage(\"#{question}\") or messages(session -> ...)");
    }
    OptionalInt maxTokens = spec.maxTokens.isPresent() ? spec.maxTokens : protocolMaxTokens;
    if (maxTokens.isEmpty()) {
      throw refused(
          "maxTokens is not set: set it on the action (.maxTokens(256)) or the protocol"
              + " (llm().maxTokens(256))");
    }
    return new SessionTurn(
        spec.systemMessage == null ? null : compile("systemMessage", spec.systemMessage),
        spec.userMessage == null ? null : compile("userMessage", spec.userMessage),
        spec.messages,
        spec.conversation,
        spec.saveAnswerAs,
        spec.checks,
        maxTokens.getAsInt());
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        LlmProtocol.Components components =
            ctx.protocolComponentsRegistry().components(LlmProtocol.KEY);
        LlmProtocol llm = components.protocol();
        components.run().uses(llm);
        // every request goes to the run's figures, by name; and to the scenario's own sink if set
        RequestSink named = components.run().sink(spec.name);
        RequestSink sink = spec.recorder.map(own -> RequestSink.both(named, own)).orElse(named);
        HttpComponents http =
            ctx.protocolComponentsRegistry().components(HttpProtocol$.MODULE$.HttpProtocolKey());
        SessionTurn turn = turn(llm.maxTokens());
        boolean stream = spec.stream.orElse(llm.stream());
        boolean keepsAnswer = turn.keepsAnswer();
        IntFunction<ChatResponseReader> readers =
            stream
                ? maxTokens -> ChatResponseReader.stream(maxTokens, keepsAnswer)
                : maxTokens -> ChatResponseReader.completion(Endpoint.CHAT, keepsAnswer);
        return new ChatAction(
            spec.name,
            turn,
            new ChatTransport(
                http.httpEngine(),
                http.httpProtocol().enginePart().shareConnections(),
                llm.chatCompletionsUrl(),
                stream,
                llm.apiKey(),
                llm.requestTimeout(),
                TlsTrust.SYSTEM),
            new ChatRequestEncoder(Endpoint.CHAT, llm.model(), stream, false, spec.extraBody),
            readers,
            new MeasuredOutcomes(
                spec.name,
                spec.name + " TTFT",
                true,
                stream,
                ctx.coreComponents().statsEngine(),
                Optional.of(sink)),
            ctx.coreComponents().clock(),
            ctx.coreComponents().statsEngine(),
            llm.apiKey(),
            Optional.empty(),
            next);
      }
    };
  }
}
