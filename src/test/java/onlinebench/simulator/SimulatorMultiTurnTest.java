package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.postChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Multi-turn and agent bodies: system, user, assistant (with tool calls) and tool messages are
 * served and counted, and what OpenAI refuses is refused the same way.
 */
class SimulatorMultiTurnTest {

  private SimulatorServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  /** An agent's second turn: the model called a tool, the tool answered, the user asks again. */
  private static final String AGENT_TURN =
      """
      {"model":"simulated-llm","max_tokens":2,"messages":[
        {"role":"system","content":"You are terse."},
        {"role":"user","content":"Weather in Paris?"},
        {"role":"assistant","content":null,"tool_calls":[
          {"id":"call_1","type":"function",
           "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
        {"role":"tool","tool_call_id":"call_1","content":"18 C and sunny"},
        {"role":"assistant","content":"It is 18 C."},
        {"role":"user","content":[{"type":"text","text":"And tomorrow?"}]}
      ]}""";

  @Test
  void countsTheTextOfEveryTurnIncludingToolCallsAndToolResults() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());

    HttpResponse<String> response = postChat(server, AGENT_TURN);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    // "You are terse ." 4 + "Weather in Paris ?" 4 + "get_weather" (get _ weather) 3
    // + {"city":"Paris"} ({ " city " : " Paris " }) 9 + "18 C and sunny" 4
    // + "It is 18 C ." 5 + "And tomorrow ?" 3
    assertThat(json(response.body()).at("/usage/prompt_tokens").asInt()).isEqualTo(32);
    assertThat(server.takeRequest().promptTokens()).isEqualTo(32);
  }

  @Test
  void chatTemplateTokensAreAddedOncePerPromptWhateverTheTurns() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast()
                .withPromptCounting(new PromptCounting(PromptCounting.Tokenizer.WORDS, 10)));

    HttpResponse<String> response = postChat(server, AGENT_TURN);

    assertThat(json(response.body()).at("/usage/prompt_tokens").asInt()).isEqualTo(42);
  }

  private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";
  private static final String CALL =
      "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
          + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}";

  static Stream<Arguments> malformedConversations() {
    return Stream.of(
        arguments(
            USER + ",{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"x\"}",
            """
            {"message":"Invalid parameter: messages with role 'tool' must be a response to a\
             preceeding message with 'tool_calls'.","type":"invalid_request_error",
             "param":"messages.[1].role","code":null}\
            """),
        arguments(
            USER + "," + CALL + ",{\"role\":\"tool\",\"content\":\"x\"}",
            """
            {"message":"Missing required parameter: 'messages[2].tool_call_id'.",
             "type":"invalid_request_error","param":"messages[2].tool_call_id",
             "code":"missing_required_parameter"}\
            """),
        arguments(
            USER + "," + CALL + "," + USER,
            """
            {"message":"An assistant message with 'tool_calls' must be followed by tool messages\
             responding to each 'tool_call_id'. The following tool_call_ids did not have response\
             messages: call_1","type":"invalid_request_error","param":"messages.[1].role",
             "code":null}\
            """),
        arguments(
            "{\"role\":\"robot\",\"content\":\"hi\"}",
            """
            {"message":"Invalid value: 'robot'. Supported values are: 'system', 'assistant', 'user',\
             'function', 'tool', and 'developer'.","type":"invalid_request_error",
             "param":"messages[0].role","code":"invalid_value"}\
            """),
        arguments(
            "{\"content\":\"hi\"}",
            """
            {"message":"Missing required parameter: 'messages[0].role'.",
             "type":"invalid_request_error","param":"messages[0].role",
             "code":"missing_required_parameter"}\
            """),
        arguments(
            "{\"role\":\"user\",\"content\":null}",
            """
            {"message":"Missing required parameter: 'messages[0].content'.",
             "type":"invalid_request_error","param":"messages[0].content",
             "code":"missing_required_parameter"}\
            """),
        arguments(
            USER
                + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                + "\"function\":{\"arguments\":\"{}\"}}]}",
            """
            {"message":"Missing required parameter: 'messages[1].tool_calls[0].function.name'.",
             "type":"invalid_request_error","param":"messages[1].tool_calls[0].function.name",
             "code":"missing_required_parameter"}\
            """));
  }

  @ParameterizedTest
  @MethodSource("malformedConversations")
  void refusesWhatOpenAiRefuses(String messages, String expectedError) throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());

    HttpResponse<String> response =
        postChat(server, "{\"model\":\"simulated-llm\",\"messages\":[" + messages + "]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response.body())).isEqualTo(json("{\"error\":" + expectedError + "}"));
  }

  @Test
  void acceptsParallelToolCallsAnsweredInAnyOrder() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());
    String twoCalls =
        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
            + "{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
            + "{\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}"
            + "]}";

    HttpResponse<String> response =
        postChat(
            server,
            "{\"model\":\"simulated-llm\",\"messages\":["
                + USER
                + ","
                + twoCalls
                + ",{\"role\":\"tool\",\"tool_call_id\":\"b\",\"content\":\"2\"}"
                + ",{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\"1\"}]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
