package onlinebench.gatling;

import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;
import scala.Function1;
import scala.Option;

/**
 * A DSL chat action's turn: the messages come from the session (Gatling EL strings, a function, a
 * conversation history), the answer goes back into it when the scenario asks, and the scenario's
 * checks judge it. Immutable; one per built action, shared by all its users.
 *
 * <p>The request's messages, in order: the system message, then the conversation's history, then
 * the tool results, then the user message; or exactly what {@code messages} returns. After a
 * successful answer a conversation's history grows by the tool results and user message sent and
 * the answer (its text and tool calls); a failed turn leaves it as it was, so the next turn asks
 * again from the same history.
 *
 * <p>Each request is a turn of the user's journey ({@link UserJourney}): its index is stamped on
 * the record, and the journey counts it, failed or not.
 */
final class SessionTurn implements ChatTurn {
  private final @Nullable Function1<Session, Validation<String>> system;
  private final @Nullable Function1<Session, Validation<String>> user;
  private final @Nullable Function<io.gatling.javaapi.core.Session, List<ChatMessage>> messages;
  private final @Nullable String conversation;
  private final @Nullable String saveAnswerAs;
  private final @Nullable Function<io.gatling.javaapi.core.Session, List<ChatMessage>> toolResults;
  private final @Nullable String saveToolCallsAs;
  private final List<LlmCheck> checks;
  private final int maxTokens;
  // how the DSL calls the user's input, for crash messages: userMessage/messages, or prompt
  private final String userWord;
  private final String functionWord;

  /**
   * @param toolResults the tool messages sent after the history and before the user message; null
   *     for none
   * @param saveToolCallsAs the session attribute for the answer's tool calls; null for none
   * @param promptWord the DSL method that gave the user's input, named in crash messages: null for
   *     chat's {@code userMessage} and {@code messages(..)}, {@code "prompt"} for a completion's
   */
  SessionTurn(
      @Nullable Function1<Session, Validation<String>> system,
      @Nullable Function1<Session, Validation<String>> user,
      @Nullable Function<io.gatling.javaapi.core.Session, List<ChatMessage>> messages,
      @Nullable String conversation,
      @Nullable String saveAnswerAs,
      @Nullable Function<io.gatling.javaapi.core.Session, List<ChatMessage>> toolResults,
      @Nullable String saveToolCallsAs,
      List<LlmCheck> checks,
      int maxTokens,
      @Nullable String promptWord) {
    this.system = system;
    this.user = user;
    this.messages = messages;
    this.conversation = conversation;
    this.saveAnswerAs = saveAnswerAs;
    this.toolResults = toolResults;
    this.saveToolCallsAs = saveToolCallsAs;
    this.checks = List.copyOf(checks);
    this.maxTokens = maxTokens;
    this.userWord = promptWord == null ? "userMessage" : promptWord;
    this.functionWord = promptWord == null ? "messages" : promptWord;
  }

  @Override
  public ChatPrompt prompt(Session session) throws NoPrompt {
    List<ChatPrompt.Message> sent = new ArrayList<>();
    if (messages != null) {
      List<ChatMessage> given = call(messages, session, functionWord);
      if (given.isEmpty()) {
        throw new NoPrompt(functionWord + "(..) gave no message for this session");
      }
      given.forEach(m -> sent.add(m.toPrompt()));
      return new ChatPrompt(sent, maxTokens);
    }
    if (system != null) {
      sent.add(new ChatPrompt.Message("system", resolve(system, session, "systemMessage")));
    }
    for (ChatMessage m : history(session)) {
      sent.add(m.toPrompt());
    }
    if (toolResults != null) {
      List<ChatMessage> results = call(toolResults, session, "toolResults");
      if (results.isEmpty() && user == null) {
        throw new NoPrompt(
            "toolResults(..) gave no message for this session and there is no"
                + " userMessage: answer the saved tool calls, or guard the action with doIf");
      }
      results.forEach(m -> sent.add(m.toPrompt()));
    }
    if (user != null) {
      sent.add(new ChatPrompt.Message("user", resolve(user, session, userWord)));
    }
    return new ChatPrompt(sent, maxTokens);
  }

  /** What a scenario's message function gives for this session: never null, no null inside. */
  private static List<ChatMessage> call(
      Function<io.gatling.javaapi.core.Session, List<ChatMessage>> function,
      Session session,
      String what)
      throws NoPrompt {
    List<ChatMessage> given;
    try {
      given = function.apply(new io.gatling.javaapi.core.Session(session));
    } catch (RuntimeException e) {
      throw new NoPrompt(what + "(..) threw " + e);
    }
    if (given == null) {
      throw new NoPrompt(what + "(..) gave null, not a list of ChatMessage");
    }
    for (ChatMessage m : given) { // not contains(null): List.of's lists throw on it
      if (m == null) {
        throw new NoPrompt(what + "(..) gave a null message");
      }
    }
    return given;
  }

  private static String resolve(
      Function1<Session, Validation<String>> expression, Session session, String what)
      throws NoPrompt {
    Validation<String> value = expression.apply(session);
    if (value instanceof Success<String> success) {
      return success.value();
    }
    Object failed = value; // Failure is a Validation<Nothing>, which Java cannot cast to directly
    throw new NoPrompt(what + ": " + ((Failure) failed).message());
  }

  /** The conversation's history in the session; empty before its first answer. */
  private List<ChatMessage> history(Session session) throws NoPrompt {
    if (conversation == null) {
      return List.of();
    }
    Option<Object> held = session.attributes().get(conversation);
    if (held.isEmpty()) {
      return List.of();
    }
    if (held.get() instanceof List<?> list
        && list.stream().allMatch(ChatMessage.class::isInstance)) {
      @SuppressWarnings("unchecked")
      List<ChatMessage> history = (List<ChatMessage>) list;
      return history;
    }
    throw new NoPrompt(
        "the conversation attribute \""
            + conversation
            + "\" holds a "
            + held.get().getClass().getName()
            + ", not a List<ChatMessage>");
  }

  /**
   * Stamps the request with its turn: in a conversation, the number of answers its history holds
   * plus one (a failed turn asked again keeps its index); else the user's chat requests before it
   * plus one.
   */
  @Override
  public RequestRecord describe(Session session, RequestRecord record) {
    if (conversation == null) {
      return record.withTurn(UserJourney.requestsSent(session) + 1);
    }
    try {
      // answers, not messages: an agent's history also holds the tool results it sent
      long answers = history(session).stream().filter(m -> m.role().equals("assistant")).count();
      return record.withTurn((int) answers + 1);
    } catch (NoPrompt e) {
      throw new IllegalStateException("the history was readable when the request was built", e);
    }
  }

  @Override
  public RequestRecord judge(RequestRecord record, @Nullable String answer) {
    if (!record.ok() || checks.isEmpty()) {
      return record;
    }
    LlmCheck.Outcome outcome = new LlmCheck.Outcome(record.httpStatus(), answer);
    for (LlmCheck check : checks) {
      Optional<String> failure = check.failure(outcome);
      if (failure.isPresent()) {
        // the server answered, but not as the scenario requires: an answer that is not usable
        return record.withError(ErrorKind.BAD_RESPONSE, failure.get());
      }
    }
    return record;
  }

  @Override
  public Session after(
      Session session,
      ChatPrompt sent,
      RequestRecord record,
      @Nullable String answer,
      List<ToolCall> toolCalls) {
    Session counted = UserJourney.answered(session, record);
    if (!record.ok()) {
      return counted;
    }
    String text = answer == null ? "" : answer;
    Session after = counted;
    if (saveAnswerAs != null) {
      after = after.set(saveAnswerAs, text);
    }
    if (saveToolCallsAs != null) {
      after = after.set(saveToolCallsAs, List.copyOf(toolCalls));
    }
    if (conversation != null) {
      List<ChatMessage> grown;
      try {
        grown = new ArrayList<>(history(session));
      } catch (NoPrompt e) {
        throw new IllegalStateException("the history was readable when the request was built", e);
      }
      // the new messages: what was sent after the system message and the history
      List<ChatPrompt.Message> messagesSent = sent.messages();
      int before = grown.size() + (system == null ? 0 : 1);
      messagesSent.subList(before, messagesSent.size()).forEach(m -> grown.add(ChatMessage.of(m)));
      grown.add(ChatMessage.of(ChatPrompt.Message.answer(answer, toolCalls)));
      after = after.set(conversation, List.copyOf(grown));
    }
    return after;
  }

  @Override
  public boolean keepsAnswer() {
    return saveAnswerAs != null
        || conversation != null
        || saveToolCallsAs != null
        || checks.stream().anyMatch(LlmCheck::needsAnswer);
  }
}
