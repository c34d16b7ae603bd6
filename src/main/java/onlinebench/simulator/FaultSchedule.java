package onlinebench.simulator;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Which fault each valid chat request of one server gets: first the scripted plans, one per request
 * in the order they were enqueued, then the current plan. Thread-safe: event loops take while tests
 * enqueue or change the plan.
 *
 * <p>Every request's draw is {@link RequestRandom#faultDraw} of the seed and its number, whether
 * its plan came from the script or not, so with the same seed and the same requests a run repeats.
 */
final class FaultSchedule {

  private final long seed;
  private final Queue<FaultPlan> script = new ConcurrentLinkedQueue<>();
  private volatile FaultPlan plan;

  FaultSchedule(long seed, FaultPlan plan) {
    this.seed = seed;
    this.plan = Objects.requireNonNull(plan, "plan");
  }

  /**
   * The next requests get these plans, one each, in order, after any enqueued before. Synchronized
   * so that two callers' scripts never interleave.
   */
  synchronized void enqueue(List<FaultPlan> perRequest) {
    perRequest.forEach(p -> Objects.requireNonNull(p, "a scripted plan"));
    script.addAll(perRequest);
  }

  /** The plan for every request once the script is used up. */
  void plan(FaultPlan newPlan) {
    plan = Objects.requireNonNull(newPlan, "plan");
  }

  /**
   * The fault of valid chat request {@code number} (1, 2, ...), or null for none; takes one step of
   * the script if any is left.
   */
  @Nullable Fault next(long number) {
    FaultPlan scripted = script.poll();
    FaultPlan use = scripted != null ? scripted : plan;
    return use.draw(RequestRandom.faultDraw(seed, number));
  }
}
