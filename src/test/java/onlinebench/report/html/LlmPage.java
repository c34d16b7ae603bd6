package onlinebench.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: reads llm.html as a browser would find its data and its chart script. */
public final class LlmPage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"llm-data\">(.*?)</script>", Pattern.DOTALL);
  private static final Pattern SCRIPT_SRC = Pattern.compile("<script src=\"([^\"]+)\"></script>");

  private LlmPage() {}

  /** The one JSON object embedded in the page. */
  public static JsonNode data(String html) throws IOException {
    Matcher m = DATA.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no <script type=\"application/json\" id=\"llm-data\"> in the page");
    }
    String json = m.group(1);
    if (m.find()) {
      throw new AssertionError("two llm-data blocks in the page");
    }
    return JSON.readTree(json);
  }

  /** The src of the page's one external script (the chart code). */
  public static String scriptSrc(String html) {
    Matcher m = SCRIPT_SRC.matcher(html);
    if (!m.find()) {
      throw new AssertionError("no <script src=...> in the page");
    }
    return m.group(1);
  }

  public static String read(Path page) throws IOException {
    return Files.readString(page, StandardCharsets.UTF_8);
  }
}
