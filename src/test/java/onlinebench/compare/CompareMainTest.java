package onlinebench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareMainTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private Path file(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  private int run(Object baseline, Object current, String tolerance) {
    Map<String, String> props = new HashMap<>();
    props.put("baseline", baseline.toString());
    props.put("current", current.toString());
    props.put("tolerance", tolerance);
    return CompareMain.run(
        props,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void marksARegressionInEitherDirectionAndExitsOne() throws Exception {
    Path a =
        file(
            "a.json",
            "{\"output_throughput\":1000,\"p99_ttft_ms\":200.0,\"failed\":0,\"num_prompts\":100,"
                + "\"errors\":{\"timeout\":0}}");
    Path b =
        file(
            "b.json",
            "{\"output_throughput\":900,\"p99_ttft_ms\":209.0,\"failed\":2,\"num_prompts\":200,"
                + "\"errors\":{\"timeout\":2}}");

    assertThat(run(a, b, "5%")).isEqualTo(1);

    assertThat(stdout())
        .containsPattern("output_throughput\\s+1000\\s+900\\s+-100\\s+-10\\.0%\\s+REGRESSION")
        .containsPattern("p99_ttft_ms\\s+200\\s+209\\s+\\+9\\s+\\+4\\.5%\\n")
        .containsPattern("failed\\s+0\\s+2\\s+\\+2\\s+n/a\\s+REGRESSION")
        .containsPattern("errors\\.timeout\\s+0\\s+2\\s+\\+2\\s+n/a\\s+REGRESSION")
        .containsPattern("num_prompts\\s+100\\s+200\\s+\\+100\\s+\\+100\\.0%\\s+\\(not judged\\)")
        .contains("3 regressions beyond 5%: output_throughput, failed, errors.timeout");
  }

  @Test
  void withinToleranceOrBetterExitsZero() throws Exception {
    Path a = file("a.json", "{\"output_throughput\":1000,\"p99_ttft_ms\":200.0}");
    Path b = file("b.json", "{\"output_throughput\":960,\"p99_ttft_ms\":150.5}");

    assertThat(run(a, b, "5%")).isZero();
    assertThat(stdout())
        .containsPattern("p99_ttft_ms\\s+200\\s+150\\.500\\s+-49\\.500\\s+-24\\.8%\\s+better")
        .contains("No regression beyond 5%");
    assertThat(run(a, b, "3%")).isEqualTo(1);
  }

  @Test
  void skipsConfigAndSloAndListsFiguresOnlyOneRunHas() throws Exception {
    Path a =
        file(
            "a.json",
            "{\"p99_ttft_ms\":null,\"mean_e2el_ms\":1.0,\"config\":{\"concurrency\":8},"
                + "\"slo\":{\"clauses\":[{\"measured\":3.0}]}}");
    Path b =
        file("b.json", "{\"p99_ttft_ms\":5.0,\"mean_e2el_ms\":1.0,\"config\":{\"concurrency\":9}}");

    assertThat(run(a, b, "5%")).isZero();
    assertThat(stdout())
        .doesNotContain("config.concurrency")
        .doesNotContain("slo.")
        .contains("Not compared (a number in only one run): p99_ttft_ms");
  }

  @Test
  void acceptsARunFolder() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("run"));
    file("run/summary.json", "{\"failed\":0}");
    assertThat(run(folder, folder, "0%")).isZero();
  }

  @Test
  void rejectsAMissingFileInOneLine() throws Exception {
    Path a = file("a.json", "{}");
    assertThat(run(a, dir.resolve("nope.json"), "5%")).isEqualTo(2);
    assertThat(stderr().strip())
        .isEqualTo(
            "compare: current must be a readable summary.json or a run folder holding one, got \""
                + dir.resolve("nope.json")
                + "\"");
    assertThat(stdout()).isEmpty();
  }

  @Test
  void rejectsUnreadableJson() throws Exception {
    Path a = file("a.json", "{}");
    Path bad = file("bad.json", "{\"failed\": ");
    assertThat(run(bad, a, "5%")).isEqualTo(2);
    assertThat(stderr()).startsWith("compare: " + bad + " is not valid JSON: ");
    assertThat(stderr().strip().lines()).hasSize(1);
  }

  @Test
  void rejectsABadTolerance() throws Exception {
    Path a = file("a.json", "{}");
    assertThat(run(a, a, "0.05")).isEqualTo(2);
    assertThat(stderr().strip())
        .isEqualTo(
            "compare: tolerance must be a percentage from 0% to 1000% such as 5%, got \"0.05\"");
  }

  @Test
  void requiresBothFiles() {
    assertThat(run("", "", "5%")).isEqualTo(2);
    assertThat(stderr()).contains("baseline is required: -Dbaseline=path/to/summary.json");
  }

  @Test
  void defaultsToFivePercent() throws Exception {
    Path a = file("a.json", "{\"output_throughput\":100}");
    Path b = file("b.json", "{\"output_throughput\":96}");
    assertThat(run(a, b, "")).isZero();
    assertThat(stdout()).contains("No regression beyond 5%");
  }
}
