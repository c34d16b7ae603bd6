package onlinebench.gatling;

import io.gatling.core.session.Session;
import java.util.List;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.PromptFeeder;
import onlinebench.prompt.ToolCall;
import onlinebench.record.RequestRecord;
import org.jspecify.annotations.Nullable;
import scala.Option;

/**
 * The built-in benchmark's turn: the prompt is the {@link ChatPrompt} a {@link PromptFeeder} put in
 * the session; the answer's text is never read and the session is left as it is.
 */
final class FedPromptTurn implements ChatTurn {
  static final FedPromptTurn INSTANCE = new FedPromptTurn();

  private FedPromptTurn() {}

  @Override
  public ChatPrompt prompt(Session session) throws NoPrompt {
    Option<Object> prompt = session.attributes().get(PromptFeeder.PROMPT_ATTRIBUTE);
    if (prompt.isEmpty() || !(prompt.get() instanceof ChatPrompt chatPrompt)) {
      throw new NoPrompt(
          "no \"" + PromptFeeder.PROMPT_ATTRIBUTE + "\" in the session: feed a PromptFeeder first");
    }
    return chatPrompt;
  }

  @Override
  public Session after(
      Session session,
      ChatPrompt sent,
      RequestRecord record,
      @Nullable String answer,
      List<ToolCall> toolCalls) {
    return session;
  }

  @Override
  public boolean keepsAnswer() {
    return false;
  }
}
