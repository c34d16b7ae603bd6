package onlinebench.simulator;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.json;
import static onlinebench.simulator.SimulatorClient.postChat;
import static onlinebench.simulator.SimulatorClient.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error in OpenAI's exact shape {@code {"error":{"message","type","param","code"}}} and
 * status.
 */
class SimulatorErrorsTest {

  private static final String KEY = "sk-sim-secret-key";
  private SimulatorServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  private void start(SimulatorConfig config) throws Exception {
    server = SimulatorServer.start(config);
  }

  private static void assertError(HttpResponse<String> response, int status, String expectedJson) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(json(response.body())).isEqualTo(json(expectedJson));
  }

  @Test
  void unknownModelIs404ModelNotFound() throws Exception {
    start(SimulatorConfig.fast());

    assertError(
        postChat(server, chatBody("gpt-4o", "hi")),
        404,
        """
        {"error":{"message":"The model `gpt-4o` does not exist.","type":"invalid_request_error",
                  "param":"model","code":"model_not_found"}}\
        """);
  }

  @Test
  void malformedJsonIs400() throws Exception {
    start(SimulatorConfig.fast());

    assertError(
        postChat(server, "{\"model\": \"simulated-llm\", \"messages\": ["),
        400,
        """
        {"error":{"message":"We could not parse the JSON body of your request. The OpenAI API expects a\
         JSON payload, but what was sent was not valid JSON.","type":"invalid_request_error","param":null,\
        "code":null}}\
        """);
  }

  private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        arguments(
            "{\"model\":\"simulated-llm\"}",
            """
            {"message":"Missing required parameter: 'messages'.","type":"invalid_request_error",
             "param":"messages","code":"missing_required_parameter"}\
            """),
        arguments(
            "{\"model\":\"simulated-llm\",\"messages\":[]}",
            """
            {"message":"Invalid 'messages': empty array. Expected an array with minimum length 1,\
             but got an empty array instead.","type":"invalid_request_error","param":"messages",
             "code":"empty_array"}\
            """),
        arguments(
            "{" + MESSAGES + "}",
            """
            {"message":"Missing required parameter: 'model'.","type":"invalid_request_error",
             "param":"model","code":"missing_required_parameter"}\
            """),
        arguments(
            "{\"model\":\"simulated-llm\"," + MESSAGES + ",\"max_tokens\":0}",
            """
            {"message":"Invalid 'max_tokens': integer below minimum value. Expected a value >= 1,\
             but got 0 instead.","type":"invalid_request_error","param":"max_tokens",
             "code":"integer_below_min_value"}\
            """),
        arguments(
            "{\"model\":\"simulated-llm\"," + MESSAGES + ",\"max_tokens\":\"8\"}",
            """
            {"message":"Invalid type for 'max_tokens': expected an integer, but got a string instead.",
             "type":"invalid_request_error","param":"max_tokens","code":"invalid_type"}\
            """),
        arguments(
            "{\"model\":\"simulated-llm\"," + MESSAGES + ",\"max_completion_tokens\":2.5}",
            """
            {"message":"Invalid type for 'max_completion_tokens': expected an integer, but got a\
             decimal number instead.","type":"invalid_request_error","param":"max_completion_tokens",
             "code":"invalid_type"}\
            """),
        arguments(
            "{\"model\":\"simulated-llm\"," + MESSAGES + ",\"max_tokens\":10000000000}",
            """
            {"message":"Invalid 'max_tokens': integer above maximum value. Expected a value <= 131072,\
             but got 10000000000 instead.","type":"invalid_request_error","param":"max_tokens",
             "code":"integer_above_max_value"}\
            """),
        arguments(
            "{\"model\":\"simulated-llm\"," + MESSAGES + ",\"stream\":\"yes\"}",
            """
            {"message":"Invalid type for 'stream': expected a boolean, but got a string instead.",
             "type":"invalid_request_error","param":"stream","code":"invalid_type"}\
            """),
        arguments(
            "{\"model\":7," + MESSAGES + "}",
            """
            {"message":"Invalid type for 'model': expected a string, but got an integer instead.",
             "type":"invalid_request_error","param":"model","code":"invalid_type"}\
            """),
        arguments(
            "{\"model\":\"simulated-llm\"," + MESSAGES + ",\"tools\":[{\"type\":\"function\"}]}",
            """
            {"message":"Missing required parameter: 'tools[0].function'.",
             "type":"invalid_request_error","param":"tools[0].function",
             "code":"missing_required_parameter"}\
            """),
        arguments(
            "{\"model\":\"simulated-llm\","
                + MESSAGES
                + ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":true}}]}",
            """
            {"message":"Invalid type for 'tools[0].function.name': expected a string, but got a\
             boolean instead.","type":"invalid_request_error","param":"tools[0].function.name",
             "code":"invalid_type"}\
            """),
        arguments(
            "[1,2]",
            """
            {"message":"The request body must be a JSON object, but got an array instead.",
             "type":"invalid_request_error","param":null,"code":null}\
            """));
  }

  @ParameterizedTest
  @MethodSource("invalidBodies")
  void invalidBodyIs400NamingTheParameter(String body, String expectedError) throws Exception {
    start(SimulatorConfig.fast());

    assertError(postChat(server, body), 400, "{\"error\":" + expectedError + "}");
  }

  @Test
  void wrongKeyIs401WithoutEchoingIt() throws Exception {
    start(SimulatorConfig.fast().withApiKey(KEY));

    HttpResponse<String> response =
        postChat(server, chatBody("simulated-llm", "hi"), "Authorization", "Bearer sk-wrong-key");

    assertError(
        response,
        401,
        """
        {"error":{"message":"Incorrect API key provided.","type":"authentication_error","param":null,
                  "code":"invalid_api_key"}}\
        """);
    assertThat(response.body()).doesNotContain("sk-wrong-key").doesNotContain(KEY);
  }

  @Test
  void missingKeyIs401ForChatAndModels() throws Exception {
    start(SimulatorConfig.fast().withApiKey(KEY));
    String expected =
        """
        {"error":{"message":"You didn't provide an API key. You need to provide your API key in an\
         Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",\
        "type":"authentication_error","param":null,"code":"invalid_api_key"}}\
        """;

    assertError(postChat(server, chatBody("simulated-llm", "hi")), 401, expected);
    assertError(send("GET", server.url("models")), 401, expected);
  }

  @Test
  void rightKeyIsAccepted() throws Exception {
    start(SimulatorConfig.fast().withApiKey(KEY));

    HttpResponse<String> chat =
        postChat(server, chatBody("simulated-llm", "hi"), "Authorization", "Bearer " + KEY);
    HttpResponse<String> models =
        send("GET", server.url("models"), "Authorization", "bearer " + KEY);

    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(models.statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathIs404() throws Exception {
    start(SimulatorConfig.fast());

    assertError(
        send("POST", server.url("embeddings")),
        404,
        """
        {"error":{"message":"Invalid URL (POST /v1/embeddings)","type":"invalid_request_error","param":null,
                  "code":null}}\
        """);
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    start(SimulatorConfig.fast());

    HttpResponse<String> response = send("GET", server.url("chat/completions"));

    assertError(
        response,
        405,
        """
        {"error":{"message":"Method GET is not allowed for /v1/chat/completions.",
                  "type":"invalid_request_error","param":null,"code":null}}\
        """);
    assertThat(response.headers().firstValue("allow")).hasValue("POST");
  }

  @Test
  void malformedHttpIs400AndTheConnectionCloses() throws Exception {
    start(SimulatorConfig.fast());

    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("NOT-HTTP\r\n\r\n".getBytes(US_ASCII));
      String reply = new String(socket.getInputStream().readAllBytes(), US_ASCII);

      assertThat(reply)
          .startsWith("HTTP/1.1 400 Bad Request")
          .contains("\"Malformed HTTP request.\"");
    }
  }

  @Test
  void serverKeepsServingOnTheSameConnectionAfterAnError() throws Exception {
    start(SimulatorConfig.fast());

    postChat(server, "{oops");
    HttpResponse<String> next = postChat(server, chatBody("simulated-llm", "hi"));

    assertThat(next.statusCode()).isEqualTo(200);
  }
}
