package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The comparison tool as a real process on summary.json fixtures (a run of the simulator, the same
 * run a little noisier, and a slower server): its table, and its exit code for CI.
 */
class CompareIT {
  record Result(int exitCode, String stdout, String stderr) {}

  private static Path fixture(String name) throws URISyntaxException {
    return Paths.get(CompareIT.class.getResource("/compare/" + name).toURI());
  }

  private static Result compare(String baseline, String current, String tolerance)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dbaseline=" + baseline);
    command.add("-Dcurrent=" + current);
    command.add("-Dtolerance=" + tolerance);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("onlinebench.compare.CompareMain");
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out, err);
  }

  @Test
  void aSlowerServerIsARegression() throws Exception {
    Result r =
        compare(
            fixture("baseline-summary.json").toString(),
            fixture("regressed-summary.json").toString(),
            "5%");

    assertThat(r.exitCode()).as("stdout:%n%s%nstderr:%n%s", r.stdout(), r.stderr()).isEqualTo(1);
    assertThat(r.stdout())
        .containsPattern("metric\\s+baseline\\s+current\\s+delta\\s+delta %")
        .containsPattern(
            "output_throughput\\s+61490\\.330\\s+54111\\.490\\s+-7378\\.840\\s+-12\\.0%\\s+REGRESSION")
        .containsPattern(
            "p99_ttft_ms\\s+210\\.250\\s+273\\.300\\s+\\+63\\.050\\s+\\+30\\.0%\\s+REGRESSION")
        .containsPattern("errors\\.timeout\\s+0\\s+2\\s+\\+2\\s+n/a\\s+REGRESSION")
        .containsPattern("duration\\s+17\\.053\\s+19\\.341.*\\(not judged\\)")
        .containsPattern("p99_e2el_ms\\s+2220\\.900\\s+2220\\.900\\s+0\\s+\\+0\\.0%\\n")
        .doesNotContain("config.")
        .contains(
            "8 regressions beyond 5%: failed, request_throughput, output_throughput,"
                + " total_token_throughput, request_goodput, p95_ttft_ms, p99_ttft_ms,"
                + " errors.timeout");
  }

  @Test
  void theSameServerWithinToleranceIsNot() throws Exception {
    Result r =
        compare(
            fixture("baseline-summary.json").toString(),
            fixture("steady-summary.json").toString(),
            "5%");

    assertThat(r.exitCode()).as("stdout:%n%s", r.stdout()).isZero();
    assertThat(r.stdout())
        .containsPattern(
            "output_throughput\\s+61490\\.330\\s+60871\\.200\\s+-619\\.130\\s+-1\\.0%\\n")
        .contains("No regression beyond 5%");
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void aBadPathIsOneLineAndNonZero() throws Exception {
    Result r =
        compare(fixture("baseline-summary.json").toString(), "/nonexistent/summary.json", "5%");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr().strip())
        .isEqualTo(
            "compare: current must be a readable summary.json or a run folder holding one, got"
                + " \"/nonexistent/summary.json\"");
  }
}
