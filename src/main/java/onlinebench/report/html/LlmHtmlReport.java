package onlinebench.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llm.html: the token report page beside Gatling's index.html, in Gatling's look. The data is one
 * JSON object ({@link LlmReportData}) in a {@code <script type="application/json" id="llm-data">}
 * block; the page's own script draws it with Chart.js, which is copied beside the page. Sections
 * without data (errors in a clean run, latency tables without values, sweep, SLO) are left out of
 * the page, navigation included.
 */
public final class LlmHtmlReport {
  /** The page's file name, written in Gatling's run folder. */
  public static final String FILE_NAME = "llm.html";

  private static final String TEMPLATE = "llm.html";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECTION =
      Pattern.compile("<!--if:([a-z]+)-->(.*?)<!--end:\\1-->", Pattern.DOTALL);

  private LlmHtmlReport() {}

  /** Writes llm.html and the chart script into {@code folder}; returns the page's path. */
  public static Path write(Path folder, ObjectNode data) throws IOException {
    ChartScript.copyInto(folder);
    Path page = folder.resolve(FILE_NAME);
    Files.writeString(page, render(data), StandardCharsets.UTF_8);
    return page;
  }

  /** The page for {@code data}. */
  public static String render(ObjectNode data) {
    String page = keepSectionsWithData(template(), data);
    return page.replace("{{title}}", escapeHtml(title(data.path("summary"))))
        .replace("{{chartScript}}", ChartScript.FILE_NAME)
        .replace("{{data}}", embeddable(data));
  }

  /** Whether the page has a section for this data. */
  static boolean hasSection(String section, JsonNode data) {
    return switch (section) {
      case "throughput", "concurrency" -> data.path("timeSeries").path("seconds").asInt() > 0;
      case "latency" -> data.path("latency").size() > 0;
      case "errors" -> data.path("summary").path("failed").asLong() > 0;
      case "sweep" -> data.path("sweep").size() > 0;
      case "search" -> data.path("search").path("steps").size() > 0;
      case "slo" -> data.has("slo");
      case "server" -> data.has("server");
      case "names" -> data.path("summary").path("per_request_name").size() > 0;
      default -> throw new IllegalStateException("unknown section in llm.html: " + section);
    };
  }

  private static String keepSectionsWithData(String template, JsonNode data) {
    Matcher m = SECTION.matcher(template);
    StringBuilder page = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          page, hasSection(m.group(1), data) ? Matcher.quoteReplacement(m.group(2)) : "");
    }
    m.appendTail(page);
    return page.toString();
  }

  private static String title(JsonNode summary) {
    return "LLM report: " + summary.path("model_id").asText("?");
  }

  /**
   * JSON that can sit inside a script element: {@code <}, {@code >} and {@code &} only occur in
   * strings there, so escaping them as {@code \u003c} etc. keeps the JSON equal and no prompt text
   * or model name can close the element.
   */
  static String embeddable(JsonNode data) {
    try {
      return JSON.writeValueAsString(data)
          .replace("<", "\\u003c")
          .replace(">", "\\u003e")
          .replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("llm.html data is not serialisable", e);
    }
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        // no placeholder can come in with the model's name
        .replace("{", "&#123;");
  }

  private static String template() {
    try (InputStream in = LlmHtmlReport.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("template " + TEMPLATE + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
