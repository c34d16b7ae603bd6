package onlinebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as one level of keys, for summary.csv and for comparing runs: nested objects
 * become dotted keys ({@code errors.http_5xx}), a list of plain values one text joined by {@code ";
 * "}, a list of objects one key per element and field ({@code slo.clauses.0.verdict}).
 */
public final class FlatJson {
  private FlatJson() {}

  /** Every leaf of {@code root} under its dotted key, in document order. */
  public static Map<String, JsonNode> flatten(JsonNode root) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    add(flat, "", root);
    return flat;
  }

  private static void add(Map<String, JsonNode> flat, String key, JsonNode node) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        add(flat, key.isEmpty() ? field.getKey() : key + "." + field.getKey(), field.getValue());
      }
    } else if (node.isArray() && containsContainers(node)) {
      for (int i = 0; i < node.size(); i++) {
        add(flat, key + "." + i, node.get(i));
      }
    } else if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      node.forEach(element -> parts.add(element.asText()));
      flat.put(key, TextNode.valueOf(String.join("; ", parts)));
    } else {
      flat.put(key, node);
    }
  }

  private static boolean containsContainers(JsonNode array) {
    for (JsonNode element : array) {
      if (element.isContainerNode()) {
        return true;
      }
    }
    return false;
  }
}
