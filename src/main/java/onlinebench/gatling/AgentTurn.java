package onlinebench.gatling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.core.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.ToolCall;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;
import scala.Option;

/**
 * A request of the built-in agent workload ({@code -Dworkload=agent}): every request offers the
 * {@link #TOOLS} and sends the system prompt and the session's history; the first sends the fed
 * prompt as the user's task; after an answer with tool calls, the next sends one {@code tool}
 * message per call, naming its id, each the fed prompt's text (so results are sized by {@code
 * promptTokens}). After a successful answer the history grows by what was sent and the assistant
 * message with its text and tool calls; a failed request leaves the session as it was, so the next
 * one sends the same again. Immutable; shared by every user of a level.
 */
final class AgentTurn implements ChatTurn {
  /** The calls of the last answer, still to be answered: an immutable {@code List<ToolCall>}. */
  static final String PENDING_CALLS = "llm.agentPendingCalls";

  /** Whether the session's last answer was text: the task is done. */
  static final String ANSWERED = "llm.agentAnswered";

  /** How many of the session's answers were tool calls. */
  static final String TOOL_CALL_TURNS = "llm.agentToolCallTurns";

  /**
   * The tools every request offers: two functions, a search and a file read, each with one string
   * parameter, in OpenAI's {@code tools} shape.
   */
  static final ArrayNode TOOLS = tools();

  private final @Nullable String systemPrompt;

  /**
   * @param systemPrompt the system message that starts every session; null for none
   */
  AgentTurn(@Nullable String systemPrompt) {
    this.systemPrompt = systemPrompt;
  }

  private static ArrayNode tools() {
    try {
      return (ArrayNode)
          new ObjectMapper()
              .readTree(
                  """
                  [{"type":"function","function":{"name":"search",
                    "description":"Search the knowledge base",
                    "parameters":{"type":"object","properties":{"query":{"type":"string"}},
                      "required":["query"]}}},
                   {"type":"function","function":{"name":"read_file",
                    "description":"Read a file of the project",
                    "parameters":{"type":"object","properties":{"path":{"type":"string"}},
                      "required":["path"]}}}]""");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the built-in tools are valid JSON", e);
    }
  }

  /** The tools join the run's extra body, unless {@code -DextraBody} offers its own. */
  @Override
  public Optional<ObjectNode> bodyFields(Optional<ObjectNode> extraBody) {
    // a copy: the caller's extra body stays as it was given
    ObjectNode body =
        extraBody.map(ObjectNode::deepCopy).orElseGet(JsonNodeFactory.instance::objectNode);
    if (!body.has("tools")) {
      body.set("tools", TOOLS.deepCopy());
    }
    return Optional.of(body);
  }

  @Override
  public ChatPrompt prompt(Session session) throws NoPrompt {
    ChatPrompt fed = FedPromptTurn.INSTANCE.prompt(session);
    List<ChatPrompt.Message> sent = new ArrayList<>();
    if (systemPrompt != null) {
      sent.add(new ChatPrompt.Message("system", systemPrompt));
    }
    sent.addAll(ConversationTurn.history(session));
    List<ToolCall> pending = pendingCalls(session);
    if (pending.isEmpty()) {
      sent.addAll(fed.messages());
    } else {
      String result = fed.messages().get(fed.messages().size() - 1).content();
      for (ToolCall call : pending) {
        sent.add(new ChatPrompt.Message("tool", result, List.of(), call.id()));
      }
    }
    return new ChatPrompt(sent, fed.maxTokens());
  }

  @Override
  public RequestRecord describe(Session session, RequestRecord record) {
    return ConversationTurn.stampTurn(session, record);
  }

  @Override
  public Session after(
      Session session,
      ChatPrompt sent,
      RequestRecord record,
      @Nullable String answer,
      List<ToolCall> toolCalls) {
    if (!record.ok()) {
      return session;
    }
    ChatPrompt.Message answered = ChatPrompt.Message.answer(answer, toolCalls);
    return session
        .set(
            ConversationTurn.HISTORY,
            ConversationTurn.grownHistory(session, sent, systemPrompt != null, answered))
        .set(PENDING_CALLS, List.copyOf(toolCalls))
        .set(ANSWERED, toolCalls.isEmpty())
        .set(TOOL_CALL_TURNS, toolCallTurns(session) + (toolCalls.isEmpty() ? 0 : 1));
  }

  @Override
  public boolean keepsAnswer() {
    return true; // the calls' ids are needed to answer them
  }

  /** The calls the last answer made, not yet answered; empty at a session's start. */
  @SuppressWarnings("unchecked")
  static List<ToolCall> pendingCalls(Session session) {
    Option<Object> held = session.attributes().get(PENDING_CALLS);
    return held.isDefined() ? (List<ToolCall>) held.get() : List.of();
  }

  /** Whether the session's last answer was text. */
  static boolean answered(Session session) {
    Option<Object> held = session.attributes().get(ANSWERED);
    return held.isDefined() && (Boolean) held.get();
  }

  /** The session's tool-call answers so far. */
  static int toolCallTurns(Session session) {
    Option<Object> held = session.attributes().get(TOOL_CALL_TURNS);
    return held.isDefined() ? (Integer) held.get() : 0;
  }
}
