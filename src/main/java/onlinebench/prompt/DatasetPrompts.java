package onlinebench.prompt;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import onlinebench.config.Injector;

/**
 * The prompts of a run that takes them from a dataset: its entries in a seeded shuffled order, each
 * sent once before any is sent again; with more requests than entries the same order repeats. The
 * same dataset and seed give the same order in every run.
 *
 * <p>Safe to call from many event loops at once, and cheap: one atomic increment and one small
 * object per call (the entry's message list is shared, never copied).
 */
public final class DatasetPrompts implements Supplier<ChatPrompt> {
  private final List<List<ChatPrompt.Message>> entries;
  private final int[] order;
  private final IntSupplier maxTokens;
  private final AtomicLong sequence = new AtomicLong();
  private final Injector injector;

  /**
   * @param seed decides the order
   * @param maxTokens {@code max_tokens} of each request, asked once per request
   */
  public DatasetPrompts(Dataset dataset, long seed, IntSupplier maxTokens) {
    this(dataset, seed, maxTokens, Injector.SINGLE);
  }

  /**
   * @param injector which load generator this is: it takes the entries at {@code index + count·k}
   *     of the shared order, so generators send disjoint entries until the order wraps around
   */
  public DatasetPrompts(Dataset dataset, long seed, IntSupplier maxTokens, Injector injector) {
    this.injector = injector;
    this.entries = dataset.entries();
    this.order = shuffled(entries.size(), seed);
    this.maxTokens = maxTokens;
  }

  @Override
  public ChatPrompt get() {
    return prompt(injector.sequence(sequence.getAndIncrement()));
  }

  /** The prompt of the request with this sequence number (from 0). */
  ChatPrompt prompt(long sequenceNumber) {
    int entry = order[(int) (sequenceNumber % order.length)];
    return new ChatPrompt(entries.get(entry), maxTokens.getAsInt());
  }

  /** A Fisher–Yates shuffle of 0..n-1, fixed by the seed. */
  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
