package onlinebench.gatling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
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
import java.util.function.UnaryOperator;
import onlinebench.config.BenchConfig;
import onlinebench.config.Endpoint;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.openai.ChatRequestEncoder;
import onlinebench.prompt.PromptCalibration;
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
 * checks it; its tool calls only when it saves them or keeps a conversation.
 *
 * <p>Tools: {@code tools(..)} offers functions, {@code saveToolCallsAs("calls")} keeps the calls
 * the model made, and a following action answers them with {@code toolResults(session -> ...)}
 * ({@link ChatMessage#tool}) in the same {@code conversation}.
 *
 * <p>The same builder makes the legacy completion ({@link CompletionRequestActionBuilder} wraps
 * one) and the built-in benchmark's requests ({@link #asBenchmark}, with its package-private
 * warmup, calibration and harness-monitor options): one builder, one way to build the action.
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
      Optional<RequestSink> recorder,
      Optional<ToolDefinitions> tools,
      @Nullable String toolChoice,
      @Nullable String saveToolCallsAs,
      @Nullable Function<io.gatling.javaapi.core.Session, List<ChatMessage>> toolResults,
      Endpoint endpoint,
      @Nullable BenchmarkRequest benchmark) {}

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
            Optional.empty(),
            Optional.empty(),
            null,
            null,
            null,
            Endpoint.CHAT,
            null));
  }

  /**
   * A legacy completion's builder, for {@link CompletionRequestActionBuilder} to wrap: the same
   * options, timing and reporting, aimed at {@code <baseUrl>/completions} with the user message
   * sent as the {@code prompt} text (see {@link ChatRequestEncoder#encode}).
   */
  static ChatRequestActionBuilder completionNamed(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "completion(name) needs a request name for Gatling's report, got \"" + name + "\"");
    }
    return named(name).edit(d -> d.endpoint = Endpoint.COMPLETIONS);
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
    Optional<ToolDefinitions> tools;
    @Nullable String toolChoice;
    @Nullable String saveToolCallsAs;
    @Nullable Function<io.gatling.javaapi.core.Session, List<ChatMessage>> toolResults;
    Endpoint endpoint;
    @Nullable BenchmarkRequest benchmark;

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
      tools = s.tools;
      toolChoice = s.toolChoice;
      saveToolCallsAs = s.saveToolCallsAs;
      toolResults = s.toolResults;
      endpoint = s.endpoint;
      benchmark = s.benchmark;
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
          recorder,
          tools,
          toolChoice,
          saveToolCallsAs,
          toolResults,
          endpoint,
          benchmark);
    }
  }

  /** One line naming the action: {@code what} is a method and its complaint, or " " + a clause. */
  private IllegalArgumentException refused(String what) {
    String verb = completes() ? "completion" : "chat";
    return new IllegalArgumentException(
        verb + "(\"" + spec.name + "\")" + (what.startsWith(" ") ? "" : ".") + what);
  }

  /** Whether this is a legacy completion: its one user message is the {@code prompt} text. */
  private boolean completes() {
    return spec.endpoint == Endpoint.COMPLETIONS;
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

  /** A completion's prompt, a Gatling EL string: kept as the one user message. */
  ChatRequestActionBuilder prompt(String el) {
    compile("prompt", el);
    return edit(
        d -> {
          d.userMessage = el;
          d.messages = null;
        });
  }

  /** A completion's prompt computed from the session: kept as the one user message. */
  ChatRequestActionBuilder prompt(Function<io.gatling.javaapi.core.Session, String> function) {
    if (function == null) {
      throw refused("prompt needs a function from the session to the prompt text");
    }
    Function<io.gatling.javaapi.core.Session, List<ChatMessage>> asMessages =
        session -> {
          String text = function.apply(session);
          if (text == null) {
            throw new IllegalStateException("the function gave null, not a prompt text");
          }
          return List.of(ChatMessage.user(text));
        };
    return edit(
        d -> {
          d.messages = asMessages;
          d.userMessage = null;
        });
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
    if (spec.userMessage != null
        || spec.systemMessage != null
        || spec.conversation != null
        || spec.toolResults != null) {
      throw refused(
          "messages(..) gives the whole message list: it cannot be combined with userMessage,"
              + " systemMessage, conversation or toolResults");
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
   * The function tools every request offers ({@code tools}), as JSON: {@code
   * [{"type":"function","function":{"name":"search","description":"...","parameters":{...}}}]}.
   * Checked once, here: a non-empty array, each entry of type {@code function} with a unique name,
   * {@code parameters} an object when given.
   */
  public ChatRequestActionBuilder tools(String json) {
    return withTools(() -> ToolDefinitions.parse(json));
  }

  /**
   * The function tools every request offers, as maps and lists in the JSON shape of {@link
   * #tools(String)}, e.g. {@code List.of(Map.of("type", "function", "function", Map.of("name",
   * "search")))}.
   */
  public ChatRequestActionBuilder tools(List<? extends Map<String, ?>> definitions) {
    return withTools(() -> ToolDefinitions.of(definitions));
  }

  private ChatRequestActionBuilder withTools(java.util.function.Supplier<ToolDefinitions> parse) {
    ToolDefinitions tools;
    try {
      tools = parse.get();
    } catch (IllegalArgumentException e) {
      throw refused("tools " + e.getMessage());
    }
    return edit(d -> d.tools = Optional.of(tools));
  }

  /**
   * What the model may do with the tools ({@code tool_choice}): {@code "auto"} (the servers'
   * default when tools are offered), {@code "none"}, {@code "required"}, or the name of one offered
   * function, which it must call. Needs {@link #tools}.
   */
  public ChatRequestActionBuilder toolChoice(String choice) {
    if (choice == null || choice.isBlank()) {
      throw refused(
          "toolChoice needs \"auto\", \"none\", \"required\" or a function's name, got \""
              + choice
              + "\"");
    }
    return edit(d -> d.toolChoice = choice);
  }

  /**
   * Puts the answer's tool calls into the session under {@code key} after each successful request:
   * an immutable {@code List<ToolCall>}, in the answer's order, empty when the model answered in
   * text; a failed request leaves the attribute as it was. Streamed calls are joined from their
   * pieces; their arguments are read only by actions that keep answers, as this one does.
   */
  public ChatRequestActionBuilder saveToolCallsAs(String key) {
    requireKey("saveToolCallsAs", key);
    return edit(d -> d.saveToolCallsAs = key);
  }

  /**
   * The results of the tool calls the conversation's last answer made, sent as {@code tool}
   * messages after the history and before any user message: {@code session -> calls.stream().map(c
   * -> ChatMessage.tool(c.id(), result)).toList()}, the calls taken from {@link #saveToolCallsAs}.
   * They join the history with the answer. Needs {@link #conversation}: a tool message must follow
   * the assistant message that made the calls.
   */
  public ChatRequestActionBuilder toolResults(
      Function<io.gatling.javaapi.core.Session, List<ChatMessage>> function) {
    if (function == null) {
      throw refused("toolResults needs a function from the session to a list of ChatMessage.tool");
    }
    requireNoMessagesFunction("toolResults");
    return edit(d -> d.toolResults = function);
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

  /**
   * The built-in benchmark's request: it sends the {@link onlinebench.prompt.ChatPrompt} a {@link
   * onlinebench.prompt.PromptFeeder} put in the session, as {@code config} says (server, endpoint,
   * model, key, streaming, timeout, TLS trust, body) instead of an llm protocol, and reports as the
   * benchmark always has: its streamed time to first token under the entry {@value
   * MeasuredOutcomes#TTFT_ENTRY}, its KO messages without the error kind in front.
   */
  ChatRequestActionBuilder asBenchmark(BenchConfig config) {
    BenchmarkRequest request = BenchmarkRequest.of(config);
    return edit(d -> d.benchmark = request);
  }

  /**
   * Each request is a turn of a built-in session workload ({@code -Dworkload=conversation} or
   * {@code agent}): the session's history goes before the fed prompt (or an agent's tool results),
   * and the answer joins the history.
   */
  ChatRequestActionBuilder conversationTurns(ChatTurn turn) {
    return editBenchmark("conversationTurns", b -> b.withTurn(turn));
  }

  /**
   * Warmup requests: they hit the server like any other but appear in no figure — not in Gatling's
   * report, not in the harness monitor; only in the prompt calibration, if any, and in a scratch
   * sink: a recorder of their own, or the one a later {@link #recordTo} names, which nobody reads.
   */
  ChatRequestActionBuilder warmup() {
    ChatRequestActionBuilder warm = editBenchmark("warmup", BenchmarkRequest::asWarmup);
    return warm.edit(d -> d.recorder = Optional.empty());
  }

  /**
   * Watches the harness itself while measured requests run: event-loop lag on Gatling's loops and
   * each user's turnaround from an answer to its next send.
   */
  ChatRequestActionBuilder watchedBy(HarnessMonitor monitor) {
    return editBenchmark("watchedBy", b -> b.watchedBy(monitor));
  }

  /**
   * Warmup answers that carry {@code usage.prompt_tokens} teach this calibration how the server
   * counts prompts; measured answers never do.
   */
  ChatRequestActionBuilder calibrate(PromptCalibration calibration) {
    return editBenchmark("calibrate", b -> b.calibrating(calibration));
  }

  private ChatRequestActionBuilder editBenchmark(
      String what, UnaryOperator<BenchmarkRequest> change) {
    if (spec.benchmark == null) {
      throw new IllegalStateException(what + " is an option of the benchmark's requests only");
    }
    BenchmarkRequest changed = change.apply(spec.benchmark);
    return edit(d -> d.benchmark = changed);
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
    if (spec.messages == null && spec.userMessage == null && completes()) {
      throw refused(" has no prompt: give prompt(\"#{text}\") or prompt(session -> ...)");
    }
    if (spec.messages == null && spec.userMessage == null && spec.toolResults == null) {
      throw refused(
          " has no messages: give userMessage(\"#{question}\"), toolResults(session -> ...) or"
              + " messages(session -> ...)");
    }
    if (spec.toolResults != null && spec.conversation == null) {
      throw refused(
          "toolResults needs conversation(key): a tool message must follow the assistant message"
              + " whose tool calls it answers, which the history holds");
    }
    requestBody(); // refuses a toolChoice that cannot be sent
    OptionalInt maxTokens = spec.maxTokens.isPresent() ? spec.maxTokens : protocolMaxTokens;
    if (maxTokens.isEmpty()) {
      throw refused(
          "maxTokens is not set: set it on the action (.maxTokens(256)) or the protocol"
              + " (llm().maxTokens(256))");
    }
    return new SessionTurn(
        spec.systemMessage == null ? null : compile("systemMessage", spec.systemMessage),
        spec.userMessage == null
            ? null
            : compile(completes() ? "prompt" : "userMessage", spec.userMessage),
        spec.messages,
        spec.conversation,
        spec.saveAnswerAs,
        spec.toolResults,
        spec.saveToolCallsAs,
        spec.checks,
        maxTokens.getAsInt(),
        completes() ? "prompt" : null);
  }

  /**
   * The fields merged into every body: the extra body, then {@code tools} and {@code tool_choice};
   * empty when there are none.
   */
  Optional<ObjectNode> requestBody() {
    if (spec.tools.isEmpty() && spec.toolChoice == null) {
      return spec.extraBody;
    }
    ObjectNode body = spec.extraBody.map(ObjectNode::deepCopy).orElseGet(JSON::createObjectNode);
    if (spec.tools.isPresent()) {
      if (body.has("tools")) {
        throw refused(
            "tools is given twice, by tools(..) and by extraBody's \"tools\": give one of them");
      }
      body.set("tools", spec.tools.get().json().deepCopy());
    }
    if (spec.toolChoice != null) {
      if (spec.tools.isEmpty()) {
        throw refused(
            "toolChoice(\""
                + spec.toolChoice
                + "\") needs tools(..): a server refuses tool_choice without tools");
      }
      try {
        body.set("tool_choice", spec.tools.get().choice(spec.toolChoice));
      } catch (IllegalArgumentException e) {
        throw refused(e.getMessage());
      }
    }
    return Optional.of(body);
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        return action(ctx, next);
      }
    };
  }

  /**
   * The action, one way for every request: a scenario's reads the llm protocol and the session, the
   * benchmark's its config and the fed prompt.
   */
  private ChatAction action(ScenarioContext ctx, Action next) {
    HttpComponents http =
        ctx.protocolComponentsRegistry().components(HttpProtocol$.MODULE$.HttpProtocolKey());
    BenchmarkRequest benchmark = spec.benchmark;
    RequestTarget target;
    ChatTurn turn;
    Optional<RequestSink> sink;
    // the benchmark's users send again at once, so their turnaround is watched too; a scenario's
    // pauses are its own, so only its event loops and CPU are
    Optional<HarnessMonitor> probed;
    if (benchmark == null) {
      LlmProtocol.Components components =
          ctx.protocolComponentsRegistry().components(LlmProtocol.KEY);
      LlmProtocol llm = components.protocol();
      components.run().uses(llm);
      target = RequestTarget.of(llm, spec.endpoint);
      turn = turn(llm.maxTokens());
      // every request goes to the run's figures, by name; and to the scenario's own sink if set
      RequestSink named = components.run().sink(spec.name);
      sink = Optional.of(spec.recorder.map(own -> RequestSink.both(named, own)).orElse(named));
      probed = Optional.of(components.run().monitor());
    } else {
      target = RequestTarget.of(benchmark.config());
      turn = benchmark.turn();
      sink = spec.recorder;
      probed = benchmark.monitor();
    }
    // a scenario's body: its extra fields and tools; the benchmark's: the config's, or an agent's
    target =
        target.with(
            spec.stream, benchmark == null ? requestBody() : turn.bodyFields(target.extraBody()));
    Optional<HarnessMonitor> turnaround = benchmark == null ? Optional.empty() : probed;
    probed
        .filter(HarnessMonitor::claimProbe)
        .ifPresent(m -> EventLoopLagProbe.start(ctx.coreComponents().eventLoopGroup(), m));
    StatsEngine stats = ctx.coreComponents().statsEngine();
    OutcomeSink outcomes =
        benchmark != null && benchmark.warmup()
            ? new WarmupOutcomes(benchmark.calibration(), spec.recorder)
            : new MeasuredOutcomes(
                spec.name,
                benchmark == null ? spec.name + " TTFT" : MeasuredOutcomes.TTFT_ENTRY,
                benchmark == null,
                target.stream(),
                stats,
                sink);
    return new ChatAction(
        spec.name,
        turn,
        target.transport(http),
        target.encoder(),
        target.readers(turn.keepsAnswer()),
        outcomes,
        ctx.coreComponents().clock(),
        stats,
        target.apiKey(),
        turnaround,
        next);
  }
}
