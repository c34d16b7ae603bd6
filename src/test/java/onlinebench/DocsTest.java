package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import onlinebench.config.Parameter;
import onlinebench.config.PropertyNames;
import onlinebench.config.Tokenizer;
import onlinebench.config.slo.SloSet;
import onlinebench.prompt.PromptSizing;
import onlinebench.report.ReportFixtures;
import onlinebench.report.ScenarioFacts;
import onlinebench.report.ScenarioReport;
import onlinebench.report.SearchFixtures;
import onlinebench.report.SearchReport;
import onlinebench.report.SummaryJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docs (README.md and docs/*.md) name every property the configuration knows and every key a
 * summary.json holds, and every relative link in them leads somewhere. A name counts as documented
 * when it appears in a code span; a span may abbreviate a family as {@code {a,b}_x} (shell brace
 * expansion), as the key list in docs/outputs.md does.
 */
class DocsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern BRACES = Pattern.compile("\\{([^{}]*,[^{}]*)\\}");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private static List<Path> docs;
  private static Set<String> documented;

  @BeforeAll
  static void readDocs() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      docs =
          Stream.concat(
                  Stream.of(ROOT.resolve("README.md")),
                  files.filter(f -> f.toString().endsWith(".md")).sorted())
              .toList();
    }
    documented = new HashSet<>();
    for (Path doc : docs) {
      Matcher span = CODE_SPAN.matcher(Files.readString(doc));
      while (span.find()) {
        for (String expanded : expand(span.group(1))) {
          // a span like `-Dconcurrency=64` or `errors.http_5xx` documents each name in it
          for (String word : expanded.split("[^A-Za-z0-9_.]+")) {
            documented.add(word);
            documented.addAll(List.of(word.split("\\.")));
          }
          documented.add(expanded.strip());
        }
      }
    }
  }

  @Test
  void everyPropertyTheConfigurationKnowsIsDocumented() {
    List<String> names = new ArrayList<>();
    for (Parameter p : Parameter.values()) {
      names.add(p.property());
    }
    names.addAll(PropertyNames.SIMULATOR_PROPERTIES);

    assertThat(undocumented(names))
        .as("properties missing from docs/parameters.md or docs/simulator.md")
        .isEmpty();
  }

  @Test
  void everyKeyOfSummaryJsonIsDocumented() {
    Set<String> keys = new TreeSet<>();
    // streamed, closed model, calibrated prompts, SLO results with a per-request clause
    collectKeys(
        SummaryJson.toJson(
            ReportFixtures.summaryWithGoodput(),
            ReportFixtures.factsWithSlo("ttft.p95<500ms,ttft<300ms,errors<1%"),
            Instant.EPOCH),
        keys);
    // not streamed, open model, uncalibrated prompts (adds prompt_calibration.reason, user_pool)
    collectKeys(
        SummaryJson.toJson(
            ReportFixtures.summary(false),
            ReportFixtures.facts(
                ReportFixtures.config(
                    Map.of("requestRate", "4", "maxConcurrency", "8", "rampUp", "2s")),
                new PromptSizing(Tokenizer.CL100K_BASE, OptionalDouble.of(1024), Optional.empty())),
            Instant.EPOCH),
        keys);

    // a user-written Simulation's: per_request_name and the llm protocol's config
    collectKeys(
        ScenarioReport.json(
            ReportFixtures.summary(true),
            Map.of("chat", ReportFixtures.summary(true)),
            new ScenarioFacts(
                "m",
                Map.of("apiBase", "http://h/v1", "maxTokens", 8, "requestTimeout", "600s"),
                2,
                false,
                SloSet.parse("errors<1%"),
                ReportFixtures.harness()),
            Instant.EPOCH),
        keys);

    assertThat(keys).as("the walk reached the nested objects").contains("cpu_share", "verdict");
    assertThat(undocumented(keys)).as("summary.json keys missing from docs/outputs.md").isEmpty();
  }

  @Test
  void everyKeyOfSearchJsonIsDocumented() {
    SearchFixtures.Finished search = SearchFixtures.run(c -> c <= 2);
    Set<String> keys = new TreeSet<>();
    collectKeys(SearchReport.json(search.search(), search.steps(), SearchFixtures.SLO), keys);

    assertThat(keys)
        .as("the walk reached the steps")
        .contains("boundary", "p99_tpot_ms", "reasons");
    assertThat(undocumented(keys)).as("search.json keys missing from docs/outputs.md").isEmpty();
  }

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path doc : docs) {
      Matcher link = LINK.matcher(withoutFences(Files.readString(doc)));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue; // https:, mailto:
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        String where = ROOT.relativize(doc) + " → " + target;
        if (!Files.exists(resolved)) {
          broken.add(where + " (no such file)");
        } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
          broken.add(where + " (no such heading)");
        }
      }
    }

    assertThat(broken).as("links in README.md and docs/").isEmpty();
  }

  private static List<String> undocumented(Iterable<String> names) {
    List<String> missing = new ArrayList<>();
    names.forEach(
        name -> {
          if (!documented.contains(name)) {
            missing.add(name);
          }
        });
    return missing;
  }

  /** Every field name at any depth, arrays included. */
  private static void collectKeys(JsonNode node, Set<String> keys) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                keys.add(field.getKey());
                collectKeys(field.getValue(), keys);
              });
    } else if (node.isArray()) {
      node.forEach(element -> collectKeys(element, keys));
    }
  }

  /** Shell-style brace expansion: {@code {a,b}_x} → {@code a_x}, {@code b_x}. */
  static List<String> expand(String text) {
    Matcher braces = BRACES.matcher(text);
    if (!braces.find()) {
      return List.of(text);
    }
    List<String> out = new ArrayList<>();
    for (String choice : braces.group(1).split(",", -1)) {
      String once = text.substring(0, braces.start()) + choice + text.substring(braces.end());
      out.addAll(expand(once));
    }
    return out;
  }

  /** GitHub's heading anchors of a Markdown file. */
  private static Set<String> anchors(Path file) {
    try {
      Set<String> anchors = new HashSet<>();
      for (String line : withoutFences(Files.readString(file)).split("\n")) {
        if (line.matches("#{1,6} .*")) {
          String heading = line.replaceFirst("^#+ ", "").strip().toLowerCase(java.util.Locale.ROOT);
          anchors.add(heading.replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-'));
        }
      }
      return anchors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text with fenced code blocks blanked, so a {@code # comment} in bash is no heading. */
  private static String withoutFences(String markdown) {
    StringBuilder out = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        out.append('\n');
        continue;
      }
      out.append(fenced ? "" : line).append('\n');
    }
    return out.toString();
  }
}
