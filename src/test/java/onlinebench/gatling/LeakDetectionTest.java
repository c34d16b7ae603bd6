package onlinebench.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetector.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@ResourceLock("netty-leak-detection")
class LeakDetectionTest {
  private Level before;
  private String property;

  @BeforeEach
  void remember() {
    before = ResourceLeakDetector.getLevel();
    property = System.getProperty(LeakDetection.LEVEL_PROPERTY);
    ResourceLeakDetector.setLevel(Level.SIMPLE);
  }

  @AfterEach
  void restore() {
    ResourceLeakDetector.setLevel(before);
    if (property == null) {
      System.clearProperty(LeakDetection.LEVEL_PROPERTY);
    } else {
      System.setProperty(LeakDetection.LEVEL_PROPERTY, property);
    }
  }

  @Test
  void turnsTheDetectorOffWhenNobodyChoseALevel() {
    System.clearProperty(LeakDetection.LEVEL_PROPERTY);

    LeakDetection.offUnlessChosen();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.DISABLED);
  }

  @Test
  void leavesTheUsersChosenLevelAlone() {
    System.setProperty(LeakDetection.LEVEL_PROPERTY, "simple");

    LeakDetection.offUnlessChosen();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.SIMPLE);
  }
}
