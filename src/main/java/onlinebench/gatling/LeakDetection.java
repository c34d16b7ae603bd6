package onlinebench.gatling;

import io.netty.util.ResourceLeakDetector;

/**
 * Turns off Netty's buffer leak detector for the benchmark's JVM unless the user chose a level.
 * Netty samples one buffer in 128 by default and records a stack trace for it; with one chunk per
 * read that cost 2% of our event loop's CPU in a profile (benchmarks/capacity.py --profiler), CPU
 * the harness would rather leave to reading the server. Buffers are still released as before.
 */
final class LeakDetection {
  /** The system property Netty reads its level from; set, it wins. */
  static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";

  private LeakDetection() {}

  /** Idempotent; the level is read at every allocation, so buffers allocated later follow it. */
  static void offUnlessChosen() {
    if (System.getProperty(LEVEL_PROPERTY) == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }
}
