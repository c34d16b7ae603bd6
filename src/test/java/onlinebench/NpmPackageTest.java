package onlinebench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NpmPackageTest {
  @Test
  void aMissingNpmFailsAtOnceSayingWhatToInstall() {
    assertThatThrownBy(() -> NpmPackage.requireNpm("npm-not-on-this-machine"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("npm not found")
        .hasMessageContaining("install Node.js 20 and npm");
  }
}
