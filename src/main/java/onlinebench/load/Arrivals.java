package onlinebench.load;

import java.util.OptionalLong;

/**
 * Where the open model's users take the intended send time of their next request: {@link
 * ArrivalTickets}, or a search step's tickets once the step's level is known.
 */
public interface Arrivals {
  /**
   * The intended send time ({@link System#nanoTime()} base) of the next request; empty at the end.
   */
  OptionalLong take();
}
