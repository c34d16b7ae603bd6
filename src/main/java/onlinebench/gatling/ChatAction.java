package onlinebench.gatling;

import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.http.client.Request;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import onlinebench.config.ApiKey;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.openai.ChatRequestEncoder;
import onlinebench.openai.ChatResponseReader;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;
import scala.Option;

/**
 * Sends one chat completion, waits for its outcome without blocking, records it and moves the
 * virtual user on. A plain {@link Action} rather than Gatling's ChainableAction, whose stacked
 * Scala traits Java cannot implement safely; so failures are caught here and the user always goes
 * on.
 */
final class ChatAction extends NamedAction {
  /** When the user's last answer was in; a pause on purpose (think time) removes it. */
  static final String ANSWERED_NANOS = "llm.answeredNanos";

  private final ChatTurn turn;
  private final ChatTransport transport;
  private final ChatRequestEncoder encoder;
  // a new reader per request, given the request's max_tokens (a stream sizes its arrays by it)
  private final IntFunction<ChatResponseReader> readers;
  private final OutcomeSink outcomes;
  private final Clock clock;
  private final StatsEngine statsEngine;
  private final ApiKey apiKey;
  private final Optional<HarnessMonitor> monitor;
  private final Action next;

  ChatAction(
      String name,
      ChatTurn turn,
      ChatTransport transport,
      ChatRequestEncoder encoder,
      IntFunction<ChatResponseReader> readers,
      OutcomeSink outcomes,
      Clock clock,
      StatsEngine statsEngine,
      ApiKey apiKey,
      Optional<HarnessMonitor> monitor,
      Action next) {
    super(name);
    this.turn = turn;
    this.transport = transport;
    this.encoder = encoder;
    this.readers = readers;
    this.outcomes = outcomes;
    this.clock = clock;
    this.statsEngine = statsEngine;
    this.apiKey = apiKey;
    this.monitor = monitor;
    this.next = next;
  }

  @Override
  public void execute(Session session) {
    // the open model's intended send time; a record without one was sent when it was meant to be
    Option<Object> intended = session.attributes().get(SessionKeys.INTENDED_START_NANOS);
    if (monitor.isPresent()) {
      Option<Object> answered = session.attributes().get(ANSWERED_NANOS);
      if (answered.isDefined()) {
        // an open-model user waits for its next arrival on purpose: only lateness past both counts
        long ready =
            intended.isDefined()
                ? Math.max((Long) answered.get(), (Long) intended.get())
                : (Long) answered.get();
        monitor.get().recordTurnaround(System.nanoTime() - ready);
      }
    }
    ChatPrompt chatPrompt;
    byte[] body;
    Request request;
    try {
      chatPrompt = turn.prompt(session);
      body = encoder.encode(chatPrompt);
      request = transport.request(name(), body);
    } catch (ChatTurn.NoPrompt e) {
      crash(session, e.getMessage());
      return;
    } catch (RuntimeException e) {
      crash(session, "cannot build the request: " + e);
      return;
    }
    long startMillis = clock.nowMillis();
    int maxTokens = encoder.maxTokens(chatPrompt);
    ChatResponseReader reader = readers.apply(maxTokens);
    ChatListener listener =
        new ChatListener(
            reader,
            record ->
                finish(
                    session,
                    startMillis,
                    chatPrompt,
                    intended.isDefined()
                        ? record
                            .withRequestedMaxTokens(maxTokens)
                            .withIntendedStart((Long) intended.get())
                        : record.withRequestedMaxTokens(maxTokens),
                    turn.keepsAnswer() ? reader.answer() : null,
                    reader.toolCalls()),
            // posted, not called: Gatling is still handling the failed connection
            again ->
                session
                    .eventLoop()
                    .execute(
                        () ->
                            transport.resendOnFreshConnection(
                                name(), body, session.eventLoop(), again)));
    long startNanos = System.nanoTime();
    listener.started(startNanos);
    outcomes.sending(startNanos);
    try {
      transport.send(request, session.userId(), session.eventLoop(), listener);
    } catch (RuntimeException e) {
      // reported like any transport failure, at most once, so the user always moves on
      listener.onThrowable(e);
    }
  }

  /** A harness bug, not a server failure: shown by Gatling as a crash, and the user goes on. */
  private void crash(Session session, String message) {
    logger().underlying().error("'{}' crashed: {}", name(), message);
    statsEngine.logRequestCrash(session.scenario(), session.groups(), name(), message);
    next.$bang(session.markAsFailed());
  }

  private void finish(
      Session session,
      long startMillis,
      ChatPrompt sent,
      RequestRecord outcome,
      @Nullable String answer,
      List<ToolCall> toolCalls) {
    RequestRecord judged = turn.judge(turn.describe(session, outcome), answer);
    // a server may echo the key in its error message; it must not reach any report or log
    RequestRecord record =
        judged.ok() ? judged : judged.withErrorMessage(apiKey.maskIn(judged.errorMessage()));
    outcomes.accept(session, startMillis, record);
    Session after =
        turn.after(session, sent, record, answer, toolCalls)
            .logGroupRequestTimings(startMillis, startMillis + Math.round(record.e2eNanos() / 1e6));
    if (record.promptTokens().isPresent()) {
      after = after.set(SessionKeys.PROMPT_TOKENS, record.promptTokens().getAsLong());
    }
    if (record.outputTokens().isPresent()) {
      after = after.set(SessionKeys.COMPLETION_TOKENS, record.outputTokens().getAsLong());
    }
    if (monitor.isPresent()) {
      after = after.set(ANSWERED_NANOS, System.nanoTime());
    }
    next.$bang(record.ok() ? after : after.markAsFailed());
  }
}
