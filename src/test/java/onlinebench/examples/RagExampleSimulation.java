package onlinebench.examples;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;
import static onlinebench.gatling.LlmDsl.*;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import onlinebench.gatling.LlmChecks;
import onlinebench.gatling.LlmProtocolBuilder;

/**
 * A retrieval-augmented flow: each virtual user takes a question, asks a search service for a
 * passage with a plain Gatling request, then asks the model to answer from that passage. The search
 * service is yours ({@code -DsearchBase}, answering {@code GET /search?q=...} with {@code
 * {"passages": [{"text": ...}]}}); the model server is any OpenAI-compatible one ({@code
 * -DapiBase}). Both steps are in Gatling's report; the chat step has every token figure.
 */
public class RagExampleSimulation extends Simulation {
  private static final String API = System.getProperty("apiBase", "http://127.0.0.1:8000/v1");
  private static final String SEARCH = System.getProperty("searchBase", "http://127.0.0.1:8081");

  private final LlmProtocolBuilder llmProtocol =
      llm()
          .baseUrl(API)
          .model(System.getProperty("model", "simulated-llm"))
          .apiKey(System.getenv("OPENAI_API_KEY"))
          .stream(true)
          .maxTokens(32);
  private final HttpProtocolBuilder searchProtocol = http.baseUrl(SEARCH);

  private final ScenarioBuilder rag =
      scenario("rag")
          .feed(csv("data/questions.csv").circular())
          .exec(
              http("search")
                  .get("/search")
                  .queryParam("q", "#{question}")
                  .check(status().is(200), jsonPath("$.passages[0].text").saveAs("passage")))
          .exec(
              chat("answer")
                  .systemMessage("Answer from this passage only: #{passage}")
                  .userMessage("#{question}")
                  .check(LlmChecks.answer().matches("\\w")));

  {
    setUp(rag.injectOpen(atOnceUsers(Integer.getInteger("users", 4))))
        .protocols(llmProtocol, searchProtocol)
        .assertions(
            details("search").failedRequests().count().is(0L),
            details("answer").failedRequests().count().is(0L));
  }
}
