package onlinebench.simulator;

import java.util.SplittableRandom;

/**
 * The random streams of one chat request, all derived from {@code sim.seed} and the request's
 * number (1 for {@code chatcmpl-sim-1}), one per purpose. So a run is reproducible whatever the
 * interleaving of threads, and turning jitter on does not change which requests get faults.
 */
final class RequestRandom {

  private static final long FAULT = 0x6661756c74L;
  private static final long STOP = 0x73746f70L;
  private static final long JITTER = 0x6a6974746572L;
  private static final long REASONING = 0x7468696e6bL;
  private static final long TOOL = 0x746f6f6cL;

  private RequestRandom() {}

  /** One uniform draw in [0, 1) deciding the request's fault ({@link FaultPlan#draw}). */
  static double faultDraw(long seed, long requestNumber) {
    return stream(seed, requestNumber, FAULT).nextDouble();
  }

  /** Draws of the stop length ({@link OutputLength}). */
  static SplittableRandom stop(long seed, long requestNumber) {
    return stream(seed, requestNumber, STOP);
  }

  /** The draw of the reasoning length ({@code sim.reasoningTokens}). */
  static SplittableRandom reasoning(long seed, long requestNumber) {
    return stream(seed, requestNumber, REASONING);
  }

  /** Draws of the jitter factors, one per delay, in order. */
  static SplittableRandom jitter(long seed, long requestNumber) {
    return stream(seed, requestNumber, JITTER);
  }

  /** Draws deciding a tool call and its function ({@link ToolCallAnswer#decide}). */
  static SplittableRandom tool(long seed, long requestNumber) {
    return stream(seed, requestNumber, TOOL);
  }

  private static SplittableRandom stream(long seed, long requestNumber, long purpose) {
    return new SplittableRandom(mix64(mix64(seed ^ purpose) + requestNumber));
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplittableRandom. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
