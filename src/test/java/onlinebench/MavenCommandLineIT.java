package onlinebench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties typed on the documented command line reach the run intact: a nested {@code ./mvnw
 * gatling:test} — the plugin's own fork, which escapes every {@code -D} it passes on — with a JSON
 * {@code -DextraBody} full of hard characters and an {@code -Dslo} with {@code <}, against the
 * built-in simulator.
 *
 * <p>The nested build runs in a copy of the project (pom, wrapper, compiled classes) so that it
 * neither recompiles nor writes into this build's target/: {@code gatling:test} first runs the
 * lifecycle up to test-compile, which the skip flags below turn into no-ops. It is offline, with
 * this build's local repository, which already holds all it needs.
 */
class MavenCommandLineIT {
  private static final int TOTAL = 6;
  private static final int OUTPUT_TOKENS = 24;

  /** A string field with every character a shell, Maven or the plugin could mangle. */
  private static final String HARD_TEXT =
      "it's \"quoted\" C:\\dir <a> >b 50% $HOME #{id} a,b h\u00e9llo \u2713 \uD83D\uDE00";

  private static final String SLO = "errors<1%,e2el.p99<60s";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path project;

  @Test
  void jsonAndSloTypedInAShellArriveIntact() throws Exception {
    copyProject();
    // the command as a user types it in a POSIX shell: single quotes, and '\'' for a quote inside
    String extraBody =
        "{\"ignore_eos\":true,\"user\":\""
            + HARD_TEXT.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    String command =
        String.join(
            " ",
            "./mvnw -o -B -q gatling:test",
            "-Dmaven.repo.local='" + System.getProperty("it.localRepository") + "'",
            "-Dmaven.main.skip=true -Dmaven.test.skip=true -Dmaven.resources.skip=true",
            "-DextraBody='" + extraBody.replace("'", "'\\''") + "'",
            "-Dslo='" + SLO + "'",
            "-DtotalRequests=" + TOTAL,
            "-DwarmupRequests=1 -Dconcurrency=2 -DpromptTokens=16",
            "-DoutputTokens=" + OUTPUT_TOKENS,
            "-Dsim.stopMeanTokens=2 -Dsim.ttftMs=5 -Dsim.itlMs=1 -Dprogress=off");
    Path script = project.resolve("run.sh");
    Files.writeString(script, command + "\n", StandardCharsets.UTF_8);

    long start = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder("sh", "run.sh")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(project.resolve("output.txt").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
    // a UTF-8 terminal's locale, so that Maven's JVM reads the non-ASCII bytes of its arguments
    // as UTF-8; this JVM's Java for the wrapper
    builder.environment().put("LC_ALL", "C.UTF-8");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    boolean finished = process.waitFor(300, TimeUnit.SECONDS);
    long wallMillis = (System.nanoTime() - start) / 1_000_000;
    String output = Files.readString(project.resolve("output.txt"), StandardCharsets.UTF_8);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    System.out.printf("MavenCommandLineIT: nested ./mvnw gatling:test took %d ms%n", wallMillis);

    assertThat(finished).as("finished within 300 s; output:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
    JsonNode summary = RunFiles.summary(project.resolve("target").resolve("gatling"));
    JsonNode config = summary.get("config");
    JsonNode body = RunFiles.JSON.readTree(config.get("extraBody").asText());
    assertThat(body.get("user").asText()).as("the hard characters").isEqualTo(HARD_TEXT);
    assertThat(body.get("ignore_eos").asBoolean()).isTrue();
    assertThat(config.get("slo").asText()).isEqualTo(SLO);
    assertThat(summary.get("slo").get("passed").asBoolean()).as("SLO verdict").isTrue();
    assertThat(summary.get("completed").asLong()).isEqualTo(TOTAL);
    // the simulator stops after ~2 tokens unless the body's ignore_eos reached it
    assertThat(summary.get("total_output_tokens").asLong())
        .as("output tokens: every answer ran to max_tokens")
        .isEqualTo((long) TOTAL * OUTPUT_TOKENS);
  }

  /** pom.xml, the wrapper and the compiled classes: all that gatling:test needs. */
  private void copyProject() throws IOException {
    Path base = Paths.get("").toAbsolutePath();
    for (String file : List.of("pom.xml", "mvnw")) {
      Files.copy(base.resolve(file), project.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
    }
    for (String dir : List.of(".mvn", "target/classes", "target/test-classes")) {
      copyTree(base.resolve(dir), project.resolve(dir));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
