package onlinebench.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads the human message out of an error response, OpenAI-style or not. */
public final class ErrorBody {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  private ErrorBody() {}

  /**
   * {@code error.message} of an OpenAI error body; otherwise the body's start as text; an empty
   * string for an empty body.
   */
  public static String message(byte[] body, int length) {
    try {
      JsonNode message = JSON.readTree(body, 0, length).path("error").path("message");
      if (message.isTextual()) {
        return shorten(message.asText());
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: fall through to the raw text, which is what the server said
    }
    return start(body, length);
  }

  /** The body's start as one line of text, whatever it holds; empty for an empty body. */
  public static String start(byte[] body, int length) {
    return shorten(new String(body, 0, length, StandardCharsets.UTF_8));
  }

  private static String shorten(String text) {
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "..." : oneLine;
  }
}
