package onlinebench.examples;

import static io.gatling.javaapi.core.CoreDsl.*;
import static onlinebench.gatling.LlmDsl.*;

import io.gatling.javaapi.core.*;
import java.time.Duration;
import onlinebench.gatling.ChatMessage;
import onlinebench.gatling.ChatRequestActionBuilder;
import onlinebench.gatling.LlmProtocolBuilder;
import onlinebench.prompt.ToolCall;

/**
 * A user-written agent: each virtual user asks a question with a search tool on offer; while the
 * model answers with tool calls (at most three rounds), the user "runs" them for a moment and sends
 * their results back in the same conversation, until the model answers in text. Run it against the
 * simulator ({@code ./mvnw exec:java@simulator}) with {@code ./mvnw gatling:test
 * -Dgatling.simulationClass=onlinebench.examples.AgentExampleSimulation}.
 */
public class AgentExampleSimulation extends Simulation {
  private static final String TOOLS =
      """
      [{"type": "function", "function": {"name": "search",
        "description": "Search the encyclopedia",
        "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}}}]""";

  private final LlmProtocolBuilder llmProtocol =
      llm()
          .baseUrl(System.getProperty("apiBase", "http://127.0.0.1:8000/v1"))
          .model(System.getProperty("model", "simulated-llm"))
          .apiKey(System.getenv("OPENAI_API_KEY"))
          .stream(Boolean.parseBoolean(System.getProperty("stream", "true")))
          .maxTokens(32);

  private final ChatRequestActionBuilder ask =
      chat("agent")
          .systemMessage("Use the search tool when you need facts.")
          .userMessage("#{question}")
          .tools(TOOLS)
          .conversation("history")
          .saveToolCallsAs("calls");

  private final ChatRequestActionBuilder sendResults =
      chat("agent tool results")
          .toolResults(
              session ->
                  session.<ToolCall>getList("calls").stream()
                      .map(
                          call -> ChatMessage.tool(call.id(), "Top result for " + call.arguments()))
                      .toList())
          .tools(TOOLS)
          .conversation("history")
          .saveToolCallsAs("calls");

  private final ScenarioBuilder agent =
      scenario("agent")
          .feed(csv("data/questions.csv").circular())
          .exec(ask)
          .asLongAs(
              session ->
                  session.contains("calls")
                      && !session.getList("calls").isEmpty()
                      && session.getInt("round") < 3,
              "round")
          .on(pause(Duration.ofMillis(20)).exec(sendResults));

  {
    setUp(agent.injectOpen(atOnceUsers(Integer.getInteger("users", 4))))
        .protocols(llmProtocol)
        .assertions(
            details("agent").failedRequests().count().is(0L),
            details("agent tool results").failedRequests().count().is(0L));
  }
}
