package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.completionBody;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.postCompletion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sim.prefixCache}: a prompt that starts with an earlier prompt's blocks skips their prefill
 * and reports them as {@code usage.prompt_tokens_details.cached_tokens}.
 */
class SimulatorPrefixCacheTest {

  private static final String MODEL = "simulated-llm";
  private static final long MS = 1_000_000;

  private SimulatorServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  private static SimulatorConfig withCache(int blockTokens) {
    return SimulatorConfig.fast()
        .withConversations(
            Conversations.defaults()
                .withPrefixCache(true)
                .withPrefixCacheBlocks(blockTokens, Conversations.DEFAULT_BLOCKS));
  }

  /** {@code n} distinct one-token words: "w0 w1 ..." would split digits, so letters only. */
  private static String words(String stem, int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append(stem).append(Integer.toString(i, 26).replaceAll("[0-9]", "x")).append(' ');
    }
    return text.toString();
  }

  /** A conversation's first turn: a system prompt and a user message. */
  private static ObjectNode firstTurn(int systemTokens, int userTokens) {
    ObjectNode body = chatBody(MODEL, words("user", userTokens)).put("max_tokens", 3);
    body.withArray("messages")
        .insertObject(0)
        .put("role", "system")
        .put("content", words("sys", systemTokens));
    return body;
  }

  /** The next turn: the history, the assistant's answer and a new user message. */
  private static ObjectNode nextTurn(ObjectNode previous, String answer, int userTokens) {
    ObjectNode body = previous.deepCopy();
    ArrayNode messages = body.withArray("messages");
    messages.addObject().put("role", "assistant").put("content", answer);
    messages.addObject().put("role", "user").put("content", words("again", userTokens));
    return body;
  }

  private static String answer(JsonNode response) {
    return response.at("/choices/0/message/content").asText();
  }

  private static int cachedTokens(JsonNode response) {
    return response.at("/usage/prompt_tokens_details/cached_tokens").asInt(-1);
  }

  @Test
  void laterTurnsReportTheEarlierPromptAsCachedTokensExactlyAsTheTruthRecords() throws Exception {
    server = SimulatorServer.start(withCache(1));
    ObjectNode turn1 = firstTurn(30, 10);
    JsonNode first = json(postChat(server, turn1).body());
    ObjectNode turn2 = nextTurn(turn1, answer(first), 5);
    JsonNode second = json(postChat(server, turn2).body());
    ObjectNode turn3 = nextTurn(turn2, answer(second), 5);
    JsonNode third = json(postChat(server, turn3).body());

    assertThat(first.at("/usage/prompt_tokens").asInt()).isEqualTo(40);
    assertThat(cachedTokens(first)).as("a first turn finds nothing").isZero();
    assertThat(cachedTokens(second)).as("turn 2 hits turn 1's whole prompt").isEqualTo(40);
    assertThat(cachedTokens(third))
        .as("turn 3 hits turn 2's prompt: 40 + 3 answer + 5 user")
        .isEqualTo(48);
    List<TruthRecord> truth =
        List.of(server.takeRequest(), server.takeRequest(), server.takeRequest());
    assertThat(truth)
        .extracting(TruthRecord::cachedTokens)
        .containsExactly(cachedTokens(first), cachedTokens(second), cachedTokens(third));
  }

  @Test
  void cachedTokensAreWholeBlocks() throws Exception {
    server = SimulatorServer.start(withCache(16));
    ObjectNode turn1 = firstTurn(30, 10); // 40 tokens: two full blocks of 16
    JsonNode first = json(postChat(server, turn1).body());

    JsonNode second = json(postChat(server, nextTurn(turn1, answer(first), 5)).body());

    assertThat(cachedTokens(second)).isEqualTo(32);
    server.takeRequest();
    assertThat(server.takeRequest().cachedTokens()).isEqualTo(32);
  }

  @Test
  void aRepeatedPromptStillComputesItsLastTokenAsVllmDoes() throws Exception {
    server = SimulatorServer.start(withCache(16));
    ObjectNode prompt = firstTurn(22, 10); // 32 tokens: exactly two blocks

    postChat(server, prompt);
    JsonNode again = json(postChat(server, prompt).body());

    // At most 31 tokens may hit, so only the first block does.
    assertThat(cachedTokens(again)).isEqualTo(16);
  }

  @Test
  void aDifferentSystemPromptSharesNothing() throws Exception {
    server = SimulatorServer.start(withCache(1));
    postChat(server, firstTurn(30, 10));
    ObjectNode other = firstTurn(30, 10);
    ((ObjectNode) other.withArray("messages").get(0)).put("content", words("other", 30));

    assertThat(cachedTokens(json(postChat(server, other).body()))).isZero();
  }

  @Test
  void theSameTextUnderAnotherRoleIsAnotherPrefix() throws Exception {
    server = SimulatorServer.start(withCache(1));
    ObjectNode asSystem = firstTurn(30, 10);
    ObjectNode asUser = asSystem.deepCopy();
    ((ObjectNode) asUser.withArray("messages").get(0)).put("role", "user");

    postChat(server, asSystem);

    assertThat(cachedTokens(json(postChat(server, asUser).body()))).isZero();
  }

  @Test
  void legacyCompletionsShareTheirPromptPrefixToo() throws Exception {
    server = SimulatorServer.start(withCache(4));
    String base = words("base", 20);

    postCompletion(server, completionBody(MODEL, base));
    JsonNode longer = json(postCompletion(server, completionBody(MODEL, base + "more")).body());

    assertThat(cachedTokens(longer)).isEqualTo(20);
  }

  @Test
  void withTheCacheOffUsageAndTruthAreAsBefore() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());
    ObjectNode turn1 = firstTurn(30, 10);
    JsonNode first = json(postChat(server, turn1).body());

    JsonNode second = json(postChat(server, nextTurn(turn1, answer(first), 5)).body());

    assertThat(second.get("usage").has("prompt_tokens_details")).isFalse();
    server.takeRequest();
    assertThat(server.takeRequest().cachedTokens()).isZero();
  }

  @Test
  void everyProfileButOllamaReportsCachedTokens() throws Exception {
    for (ServerProfile profile : ServerProfile.values()) {
      try (SimulatorServer s = SimulatorServer.start(withCache(1).withProfile(profile))) {
        ObjectNode turn1 = firstTurn(30, 10);
        JsonNode first = json(postChat(s, turn1).body());
        JsonNode second = json(postChat(s, nextTurn(turn1, answer(first), 5)).body());

        if (profile == ServerProfile.OLLAMA) {
          assertThat(second.get("usage").has("prompt_tokens_details")).as("ollama").isFalse();
        } else {
          assertThat(cachedTokens(second)).as(profile.propertyValue()).isEqualTo(40);
        }
        if (profile == ServerProfile.LLAMACPP) {
          // 40 + 3 answer + 5 user = 48 prompt tokens, 40 of them cached (chat.txt's shape)
          assertThat(second.at("/timings/cache_n").asInt()).isEqualTo(40);
          assertThat(second.at("/timings/prompt_n").asInt()).isEqualTo(8);
        }
        s.takeRequest();
        assertThat(s.takeRequest().cachedTokens()).as("truth under %s", profile).isEqualTo(40);
      }
    }
  }

  @Test
  void cachedTokensSkipPrefillSoALaterTurnsTtftFalls() throws Exception {
    // Slow enough that the cached and uncached TTFTs stay apart even with the scheduling delays of
    // a
    // loaded 2-core machine (up to 400 ms late on this project's shared builders).
    double tokensPerSec = 2_000;
    Realism prefill = Realism.none().withPrefillTokensPerSec(tokensPerSec);
    long[] withoutCache = turnTwoTtftAndCached(SimulatorConfig.fast().withRealism(prefill));
    long[] withCache = turnTwoTtftAndCached(withCache(16).withRealism(prefill));

    int promptTokens = 2_000 + 3 + 20; // turn 1's 2,000, the 3-token answer, 20 more
    long uncachedPrefill = Math.round(promptTokens * 1e9 / tokensPerSec); // 1,011.5 ms
    assertThat(withoutCache[1]).isZero();
    assertThat(withoutCache[0])
        .as(
            "turn 2 TTFT without cache %.1f ms, prefill of all %d tokens",
            withoutCache[0] / 1e6, promptTokens)
        .isBetween(uncachedPrefill, uncachedPrefill + 400 * MS);
    assertThat(withCache[1]).as("turn 1's 2,000 tokens, in whole blocks of 16").isEqualTo(2_000);
    long cachedPrefill = Math.round((promptTokens - withCache[1]) * 1e9 / tokensPerSec); // 11.5 ms
    assertThat(withCache[0])
        .as("turn 2 TTFT with cache %.1f ms, prefill of 23 tokens", withCache[0] / 1e6)
        .isBetween(cachedPrefill, cachedPrefill + 400 * MS);
  }

  /** Runs a two-turn streamed conversation; turn 2's TTFT (truth) and cached tokens. */
  private static long[] turnTwoTtftAndCached(SimulatorConfig config) throws Exception {
    try (SimulatorServer s = SimulatorServer.start(config)) {
      ObjectNode turn1 = firstTurn(1_990, 10);
      JsonNode first = json(postChat(s, turn1).body());
      ObjectNode turn2 = nextTurn(turn1, answer(first), 20).put("stream", true);
      postChat(s, turn2);
      s.takeRequest();
      TruthRecord second = s.takeRequest();
      assertThat(second.stream()).isTrue();
      assertThat(second.promptTokens()).isEqualTo(2_023);
      return new long[] {second.chunkNanos()[0] - second.arrivalNanos(), second.cachedTokens()};
    }
  }
}
