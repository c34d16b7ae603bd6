package onlinebench.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import onlinebench.config.Tokenizer;
import onlinebench.prompt.PromptGenerator;
import onlinebench.prompt.TokenCounter;
import onlinebench.run.RequestBudget;

/**
 * The reference client of benchmarks/capacity.py: the same closed-loop chat streams as our
 * simulation, written with Gatling's own SSE DSL in the style of Gatling's LLM recipe. Not picked
 * by {@code gatling:test} (the plugin names our simulation) nor by verify; run it with {@code
 * -Dgatling.simulationClass=onlinebench.bench.SseDslSimulation} or Gatling's main {@code -s}.
 *
 * <p>Properties: apiBase, model, concurrency, outputTokens, promptTokens, totalRequests,
 * warmupRequests, with our simulation's meanings (warm-up here is simply the first requests).
 */
public class SseDslSimulation extends Simulation {
  private static final String API_BASE = System.getProperty("apiBase", "http://127.0.0.1:8000/v1");
  private static final String MODEL = System.getProperty("model", "simulated-llm");
  private static final int CONCURRENCY = Integer.getInteger("concurrency", 256);
  private static final int OUTPUT_TOKENS = Integer.getInteger("outputTokens", 256);
  private static final int PROMPT_TOKENS = Integer.getInteger("promptTokens", 64);
  private static final long REQUESTS =
      Long.getLong("totalRequests", 1000) + Long.getLong("warmupRequests", 0);

  private static final RequestBudget BUDGET = new RequestBudget(REQUESTS);
  private static final PromptGenerator PROMPTS =
      new PromptGenerator(TokenCounter.of(Tokenizer.CL100K_BASE), 42, 0);
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private static final String BODY =
      "{\"model\":\""
          + MODEL
          + "\",\"messages\":[{\"role\":\"user\",\"content\":#{prompt.jsonStringify()}}],"
          + "\"max_tokens\":"
          + OUTPUT_TOKENS
          + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

  // One await with two checks: in whole-stream delivery the stream has ended before a later
  // setCheck() could run ("Stream already closed"), so both checks are set at connect time.
  private final ScenarioBuilder chat =
      scenario("sse")
          .asLongAs(session -> BUDGET.tryTake())
          .on(
              feed(Stream.generate(
                          () ->
                              Map.<String, Object>of(
                                  "prompt",
                                  PROMPTS.prompt(SEQUENCE.getAndIncrement(), PROMPT_TOKENS)))
                      .iterator())
                  .exec(
                      sse("stream")
                          .post("/chat/completions")
                          .body(StringBody(BODY))
                          .asJson()
                          .await(60)
                          .on(
                              sse.checkMessage("first-chunk")
                                  .check(jmesPath("data.choices[0].delta.content").exists()),
                              sse.checkMessage("done").matching(substring("[DONE]"))))
                  .exec(sse("close").close()));

  {
    setUp(chat.injectOpen(atOnceUsers(CONCURRENCY)))
        .protocols(http.baseUrl(API_BASE).shareConnections());
  }
}
