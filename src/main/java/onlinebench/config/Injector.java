package onlinebench.config;

/**
 * Which share of the load this generator runs when several run one benchmark together ({@code
 * -DinjectorIndex=i -DinjectorCount=n}): each runs a deterministic slice so that the slices add up
 * exactly to what one generator would have run, and the merge tool adds their figures back into one
 * run.
 *
 * @param index this generator, from 0 to {@code count - 1}
 * @param count how many generators share the load
 */
public record Injector(int index, int count) {
  /** One generator running the whole load. */
  public static final Injector SINGLE = new Injector(0, 1);

  // A 64-bit odd constant (the golden ratio's): index 0 keeps the seed, so one generator alone
  // runs exactly as before; other indices get well-spread seeds.
  private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

  public Injector {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "injector index must be from 0 to count - 1, got index " + index + " of " + count);
    }
  }

  /** True when this generator runs the whole load. */
  public boolean single() {
    return count == 1;
  }

  /**
   * This generator's share of a whole amount (requests, warmup requests, users): {@code total / n},
   * plus one for the first {@code total % n} generators, so the shares add up to the total.
   */
  public int share(int total) {
    return total / count + (index < total % count ? 1 : 0);
  }

  /** This generator's users out of a concurrency: its share, but at least one. */
  public int users(int concurrency) {
    return Math.max(1, share(concurrency));
  }

  /** This generator's request rate: an equal part of the whole rate. */
  public double rate(double requestsPerSecond) {
    return requestsPerSecond / count;
  }

  /**
   * The seed of this generator's arrival schedule: distinct per index, so the generators' arrivals
   * are independent (Poisson streams then add up to a Poisson stream of the whole rate).
   */
  public long arrivalSeed(long seed) {
    return seed + index * SEED_STEP;
  }

  /**
   * The run-wide sequence number of this generator's {@code k}-th prompt: {@code index + n·k}, so
   * no two generators ever send the same prompt.
   */
  public long sequence(long k) {
    return index + (long) count * k;
  }
}
