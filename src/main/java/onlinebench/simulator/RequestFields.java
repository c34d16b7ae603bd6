package onlinebench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import onlinebench.simulator.ChatRequest.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * A required field of a request body, checked as OpenAI checks it: absent or {@code null} is a
 * missing parameter, a value of another JSON type an invalid type, each with the field's path.
 */
final class RequestFields {

  private RequestFields() {}

  static String requireString(@Nullable JsonNode value, String param)
      throws InvalidRequestException {
    JsonNode present = present(value, param);
    if (!present.isTextual()) {
      throw invalidType(param, "a string", present);
    }
    return present.textValue();
  }

  static JsonNode requireObject(@Nullable JsonNode value, String param)
      throws InvalidRequestException {
    JsonNode present = present(value, param);
    if (!present.isObject()) {
      throw invalidType(param, "an object", present);
    }
    return present;
  }

  private static JsonNode present(@Nullable JsonNode value, String param)
      throws InvalidRequestException {
    if (value == null || value.isNull()) {
      throw new InvalidRequestException(OpenAiError.missingParameter(param));
    }
    return value;
  }

  private static InvalidRequestException invalidType(
      String param, String expected, JsonNode value) {
    return new InvalidRequestException(OpenAiError.invalidType(param, expected, value));
  }
}
