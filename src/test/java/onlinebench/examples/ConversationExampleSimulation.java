package onlinebench.examples;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;
import static onlinebench.gatling.LlmDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import onlinebench.gatling.LlmChecks;
import onlinebench.gatling.LlmProtocolBuilder;

/**
 * A user-written scenario: each virtual user checks the server's model list with a plain Gatling
 * request, then holds a three-turn conversation, one question from the feeder per turn, the history
 * carried forward, with think time between turns. Run it against the simulator ({@code ./mvnw
 * exec:java@simulator}) with {@code ./mvnw gatling:test
 * -Dgatling.simulationClass=onlinebench.examples.ConversationExampleSimulation}.
 */
public class ConversationExampleSimulation extends Simulation {
  private static final String API = System.getProperty("apiBase", "http://127.0.0.1:8000/v1");

  private final LlmProtocolBuilder llmProtocol =
      llm()
          .baseUrl(API)
          .model(System.getProperty("model", "simulated-llm"))
          .apiKey(System.getenv("OPENAI_API_KEY"))
          .stream(true)
          .maxTokens(32);
  private final HttpProtocolBuilder httpProtocol = http.baseUrl(API);

  private final ScenarioBuilder conversation =
      scenario("conversation")
          .exec(http("models").get("/models").check(status().is(200)))
          .repeat(3)
          .on(
              feed(csv("data/questions.csv").circular())
                  .exec(
                      chat("chat")
                          .systemMessage("You are a terse assistant.")
                          .userMessage("#{question}")
                          .conversation("history")
                          .check(LlmChecks.answer().matches("\\w")))
                  .pause(Duration.ofMillis(20)));

  {
    setUp(conversation.injectOpen(atOnceUsers(Integer.getInteger("users", 2))))
        .protocols(llmProtocol, httpProtocol)
        .assertions(details("chat").failedRequests().count().is(0L));
  }
}
