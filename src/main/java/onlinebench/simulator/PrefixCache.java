package onlinebench.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's prefix cache ({@code sim.prefixCache}): a bounded set of prompt-block hashes,
 * least recently used evicted first. One per server, shared by every connection; thread-safe.
 *
 * <p>It keeps block hashes rather than whole prompts, as vLLM's automatic prefix caching does
 * (vllm-project/vllm {@code vllm/v1/core/kv_cache_utils.py}: only full blocks are hashed, each hash
 * covering its block and every token before it; {@code vllm/v1/core/kv_cache_manager.py}: the
 * longest run of leading blocks already cached is the hit). So memory is bounded in tokens, not in
 * prompts, a long shared system prompt costs one entry per block however many conversations share
 * it, and the lookup is one hash probe per block instead of a comparison with every remembered
 * prompt. A request's blocks are remembered when it arrives (vLLM caches them once computed, a
 * prefill later); the generated answer is not, so a conversation's next turn hits its previous
 * prompt, rounded down to whole blocks.
 */
final class PrefixCache {

  private final int blockTokens;
  private final int maxBlocks;
  private final Map<Long, Boolean> blocks;

  PrefixCache(int blockTokens, int maxBlocks) {
    this.blockTokens = blockTokens;
    this.maxBlocks = maxBlocks;
    // Access order: a hit or a re-insert makes a block the most recently used.
    this.blocks =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > PrefixCache.this.maxBlocks;
          }
        };
  }

  int blockTokens() {
    return blockTokens;
  }

  /**
   * The prompt tokens already cached, a multiple of the block size, then remembers every block of
   * this prompt. At most {@code promptTokens - 1} tokens hit, rounded down to whole blocks: vLLM
   * recomputes the last prompt token to get its logits even when the whole prompt is cached ({@code
   * kv_cache_manager.py}, {@code max_cache_hit_length = request.num_tokens - 1}).
   *
   * @param blockHashes the prompt's block hashes in order ({@link PromptBlocks})
   * @param promptTokens the prompt's reported token count
   */
  synchronized int lookupAndRemember(long[] blockHashes, int promptTokens) {
    int maxHit = Math.min(blockHashes.length, Math.max(0, promptTokens - 1) / blockTokens);
    int hit = 0;
    while (hit < maxHit && blocks.get(blockHashes[hit]) != null) {
      hit++;
    }
    for (long hash : blockHashes) {
      blocks.put(hash, Boolean.TRUE);
    }
    return hit * blockTokens;
  }

  /** Blocks remembered now; never more than the capacity. */
  synchronized int size() {
    return blocks.size();
  }

  int capacity() {
    return maxBlocks;
  }
}
