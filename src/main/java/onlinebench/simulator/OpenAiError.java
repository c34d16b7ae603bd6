package onlinebench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One error response in OpenAI's shape: {@code {"error":{"message","type","param","code"}}} with
 * its HTTP status. Messages follow OpenAI's wording (vLLM's for an unknown model) so clients that
 * match on them behave as against a real server. No message ever contains the received
 * Authorization header.
 */
record OpenAiError(
    HttpResponseStatus status,
    String message,
    String type,
    @Nullable String param,
    @Nullable String code) {

  static final String INVALID_REQUEST = "invalid_request_error";

  static OpenAiError modelNotFound(String model) {
    return new OpenAiError(
        HttpResponseStatus.NOT_FOUND,
        "The model `" + model + "` does not exist.",
        INVALID_REQUEST,
        "model",
        "model_not_found");
  }

  static OpenAiError malformedJson() {
    return badRequest(
        "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload,"
            + " but what was sent was not valid JSON.",
        null,
        null);
  }

  static OpenAiError bodyNotAnObject(JsonNode body) {
    return badRequest(
        "The request body must be a JSON object, but got " + typeName(body) + " instead.",
        null,
        null);
  }

  static OpenAiError missingParameter(String param) {
    return badRequest(
        "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
  }

  static OpenAiError emptyArray(String param) {
    return badRequest(
        "Invalid '"
            + param
            + "': empty array. Expected an array with minimum length 1, but got an empty array"
            + " instead.",
        param,
        "empty_array");
  }

  static OpenAiError invalidType(String param, String expected, JsonNode actual) {
    return badRequest(
        "Invalid type for '"
            + param
            + "': expected "
            + expected
            + ", but got "
            + typeName(actual)
            + " instead.",
        param,
        "invalid_type");
  }

  static OpenAiError integerBelowMinimum(String param, JsonNode value, long minimum) {
    return integerOutOfRange(
        param, value, "below minimum", ">= " + minimum, "integer_below_min_value");
  }

  static OpenAiError integerAboveMaximum(String param, JsonNode value, long maximum) {
    return integerOutOfRange(
        param, value, "above maximum", "<= " + maximum, "integer_above_max_value");
  }

  /** OpenAI's one wording for both bounds, e.g. "integer below minimum value ... >= 1". */
  private static OpenAiError integerOutOfRange(
      String param, JsonNode value, String side, String expected, String code) {
    return badRequest(
        "Invalid '"
            + param
            + "': integer "
            + side
            + " value. Expected a value "
            + expected
            + ", but got "
            + value.asText()
            + " instead.",
        param,
        code);
  }

  /** A string outside an enumeration, as OpenAI words it (e.g. an unknown message role). */
  static OpenAiError invalidValue(String param, String value, List<String> supported) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < supported.size(); i++) {
      if (i > 0) {
        values.append(i == supported.size() - 1 ? (i > 1 ? ", and " : " and ") : ", ");
      }
      values.append('\'').append(supported.get(i)).append('\'');
    }
    return badRequest(
        "Invalid value: '" + value + "'. Supported values are: " + values + ".",
        param,
        "invalid_value");
  }

  /**
   * A {@code tool} message not answering an assistant message's {@code tool_calls}: OpenAI's body,
   * spelling and {@code messages.[i].role} param included (smarter-sh/smarter#264).
   */
  static OpenAiError toolMessageWithoutToolCalls(int index) {
    return badRequest(
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message"
            + " with 'tool_calls'.",
        "messages.[" + index + "].role",
        null);
  }

  /** An assistant message's tool calls left without tool messages, as OpenAI reports it. */
  static OpenAiError toolCallsWithoutResponses(int index, List<String> ids) {
    return badRequest(
        "An assistant message with 'tool_calls' must be followed by tool messages responding to"
            + " each 'tool_call_id'. The following tool_call_ids did not have response messages: "
            + String.join(", ", ids),
        "messages.[" + index + "].role",
        null);
  }

  /**
   * {@code tool_choice} other than {@code "none"} without {@code tools}: vLLM's wording
   * (vllm-project/vllm {@code vllm/entrypoints/openai/protocol.py}, {@code check_tool_usage}).
   */
  static OpenAiError toolChoiceWithoutTools() {
    return badRequest("When using `tool_choice`, `tools` must be set.", "tool_choice", null);
  }

  /** A {@code tool_choice} string that is none of the four: vLLM's wording (same place). */
  static OpenAiError invalidToolChoice(JsonNode value) {
    return badRequest(
        "Invalid value for `tool_choice`: "
            + value.asText()
            + "! Only named tools, \"none\", \"auto\" or \"required\" are supported.",
        "tool_choice",
        null);
  }

  /** A named {@code tool_choice} whose function is not among {@code tools}: vLLM's wording. */
  static OpenAiError unknownToolChoice(String name) {
    return badRequest("Tool '" + name + "' has not been passed in `tools`.", "tool_choice", null);
  }

  /** 401; says whether a key was missing or wrong, never what was received. */
  static OpenAiError unauthorized(boolean keyProvided) {
    String message =
        keyProvided
            ? "Incorrect API key provided."
            : "You didn't provide an API key. You need to provide your API key in an Authorization"
                + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
    return new OpenAiError(
        HttpResponseStatus.UNAUTHORIZED, message, "authentication_error", null, "invalid_api_key");
  }

  static OpenAiError unknownUrl(String method, String path) {
    return invalidRequest(
        HttpResponseStatus.NOT_FOUND, "Invalid URL (" + method + " " + path + ")");
  }

  static OpenAiError badHttp() {
    return badRequest("Malformed HTTP request.", null, null);
  }

  static OpenAiError methodNotAllowed(String method, String path) {
    return invalidRequest(
        HttpResponseStatus.METHOD_NOT_ALLOWED,
        "Method " + method + " is not allowed for " + path + ".");
  }

  /** The {@code 500} fault: OpenAI's wording for a failed generation. */
  static OpenAiError serverError() {
    return serverSide(
        HttpResponseStatus.INTERNAL_SERVER_ERROR,
        "The server had an error while processing your request. Sorry about that!");
  }

  /** The {@code 503} fault: OpenAI's wording for an overloaded engine. */
  static OpenAiError overloaded() {
    return serverSide(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        "The engine is currently overloaded, please try again later.");
  }

  /** The {@code 429} fault: OpenAI's requests-per-minute rate limit. */
  static OpenAiError rateLimited(String model) {
    return new OpenAiError(
        HttpResponseStatus.TOO_MANY_REQUESTS,
        "Rate limit reached for "
            + model
            + " on requests per min (RPM): Limit 1, Used 1, Requested 1. Please try again in 1s.",
        "requests",
        null,
        "rate_limit_exceeded");
  }

  /** An {@code invalid_request_error} about the request as a whole: no param, no code. */
  private static OpenAiError invalidRequest(HttpResponseStatus status, String message) {
    return new OpenAiError(status, message, INVALID_REQUEST, null, null);
  }

  /** A {@code server_error}: the request was fine, the server failed it. */
  private static OpenAiError serverSide(HttpResponseStatus status, String message) {
    return new OpenAiError(status, message, "server_error", null, null);
  }

  /** A 400 {@code invalid_request_error}: the status and type of every request OpenAI refuses. */
  private static OpenAiError badRequest(
      String message, @Nullable String param, @Nullable String code) {
    return new OpenAiError(HttpResponseStatus.BAD_REQUEST, message, INVALID_REQUEST, param, code);
  }

  /** The response body in OpenAI's shape; Jackson escapes every string. */
  byte[] toJson() {
    return ErrorStyle.OPENAI.body(this);
  }

  /** JSON's name for a node's type, as OpenAI's messages use them. */
  static String typeName(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
      case BOOLEAN -> "a boolean";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
      default -> "an unsupported value";
    };
  }
}
