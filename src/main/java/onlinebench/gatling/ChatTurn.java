package onlinebench.gatling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.core.session.Session;
import java.util.List;
import java.util.Optional;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;

/**
 * What one chat action sends for a virtual user and what it does with the answer: the seam between
 * the action's transport and timing ({@link ChatAction}) and where its messages come from — a fed
 * {@link ChatPrompt} for the built-in benchmark ({@link FedPromptTurn}), the session for the public
 * DSL ({@link SessionTurn}).
 */
interface ChatTurn {

  /** Thrown when the session cannot give a prompt: a scenario bug, shown as a Gatling crash. */
  final class NoPrompt extends Exception {
    NoPrompt(String message) {
      super(message, null, false, false);
    }
  }

  /** The prompt this user sends now. */
  ChatPrompt prompt(Session session) throws NoPrompt;

  /**
   * The outcome with what the session knows of it (its turn in a conversation); called first,
   * before {@link #judge}.
   */
  default RequestRecord describe(Session session, RequestRecord record) {
    return record;
  }

  /**
   * The outcome as the scenario judges it: checks may turn a success into a failure. Called before
   * the outcome is recorded anywhere.
   *
   * @param answer the assistant's text, null unless {@link #keepsAnswer()}
   */
  default RequestRecord judge(RequestRecord record, @Nullable String answer) {
    return record;
  }

  /**
   * The session the user goes on with, after the judged outcome (saved answer, grown history): what
   * {@link ChatAction} calls. Turns that offer no tools ignore the calls.
   *
   * @param answer the assistant's text, null unless {@link #keepsAnswer()} or the request failed
   * @param toolCalls the answer's tool calls, empty unless {@link #keepsAnswer()} and the model
   *     called tools
   */
  Session after(
      Session session,
      ChatPrompt sent,
      RequestRecord record,
      @Nullable String answer,
      List<ToolCall> toolCalls);

  /**
   * As {@link #after(Session, ChatPrompt, RequestRecord, String, List)}, for an answer without tool
   * calls.
   */
  default Session after(
      Session session, ChatPrompt sent, RequestRecord record, @Nullable String answer) {
    return after(session, sent, record, answer, List.of());
  }

  /**
   * The fields merged into every body, given the run's extra body: the extra body itself, unless
   * the turn offers something of its own (an agent's tools).
   */
  default Optional<ObjectNode> bodyFields(Optional<ObjectNode> extraBody) {
    return extraBody;
  }

  /** Whether the answer's text must be read at all; false keeps the hot path free of it. */
  boolean keepsAnswer();
}
