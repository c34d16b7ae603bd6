package onlinebench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js package pinned in the repository (a {@code package.json} and its {@code
 * package-lock.json}), installed with {@code npm ci} into a folder under {@code target/}: exactly
 * the locked versions, never {@code npm install}, nothing global, and the source folder stays free
 * of {@code node_modules}.
 */
final class NpmPackage {
  private static final List<String> PINNED = List.of("package.json", "package-lock.json");

  /** Written after a good install; equal to the lock file when that install is still current. */
  private static final String INSTALLED_LOCK = "node_modules/.installed-from-package-lock.json";

  private NpmPackage() {}

  /**
   * Installs the package pinned in {@code source} into {@code target}, unless an earlier install
   * from the same lock file is there.
   *
   * @return {@code target}
   * @throws AssertionError with one line saying what to do when npm is missing, fails or hangs
   */
  static Path install(Path source, Path target, long timeoutSeconds)
      throws IOException, InterruptedException {
    Path lock = source.resolve("package-lock.json");
    Path installed = target.resolve(INSTALLED_LOCK);
    if (Files.isRegularFile(installed)
        && Arrays.equals(Files.readAllBytes(lock), Files.readAllBytes(installed))) {
      return target;
    }
    requireNpm("npm");
    Files.createDirectories(target);
    for (String file : PINNED) {
      Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Path log = target.resolve("npm-ci.log");
    // --ignore-scripts: the server runs from the published dist/, nothing needs building, and no
    // dependency's install script runs on the build machine.
    int exit =
        run(
            List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"),
            target,
            log,
            timeoutSeconds);
    if (exit != 0) {
      throw new AssertionError(
          "npm ci failed in " + target + " (exit " + exit + "):\n" + Files.readString(log));
    }
    Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /**
   * Fails at once, in one line saying what to install, when {@code npm} cannot be run: a machine
   * without Node.js must not get as far as a hanging or half-done install.
   */
  static void requireNpm(String npm) throws InterruptedException {
    String missing =
        "npm not found: ThirdPartyServerIT installs a pinned Node.js server with npm ci; install"
            + " Node.js 20 and npm (Debian: apt-get install nodejs npm)";
    try {
      Process version =
          new ProcessBuilder(npm, "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!version.waitFor(60, TimeUnit.SECONDS)) {
        stop(version);
        throw new AssertionError(missing + " (npm --version did not answer within 60 s)");
      }
      if (version.exitValue() != 0) {
        throw new AssertionError(missing + " (npm --version exited " + version.exitValue() + ")");
      }
    } catch (IOException e) {
      throw new AssertionError(missing + " (" + e.getMessage() + ")", e);
    }
  }

  private static int run(List<String> command, Path dir, Path log, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      stop(process);
      throw new AssertionError(
          String.join(" ", command)
              + " did not finish within "
              + timeoutSeconds
              + " s in "
              + dir
              + " (is the npm registry reachable?):\n"
              + Files.readString(log));
    }
    return process.exitValue();
  }

  /** npm runs child processes; they go first, or they would outlive it. */
  static void stop(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor();
  }
}
