package onlinebench.simulator;

/**
 * What the simulator does for multi-turn conversations and agents: how often it answers a request
 * that offers tools with a tool call, and whether it keeps a prefix cache. The defaults change
 * nothing for a request without {@code tools}, and leave the cache off, so every earlier figure
 * stays the same.
 *
 * @param toolCallShare {@code sim.toolCallShare}: the share (0 to 1) of requests offering function
 *     tools with {@code tool_choice} {@code "auto"} (or absent) that are answered with a tool call
 *     instead of text; {@code "required"} or a named function always get one, {@code "none"} never
 * @param prefixCache {@code sim.prefixCache}: remember the prompt blocks of earlier requests, so a
 *     prompt starting with one skips prefill for it and reports it as {@code cached_tokens}
 * @param prefixCacheBlockTokens {@code sim.prefixCacheBlockTokens}: tokens per cached block (vLLM's
 *     default block size is 16); cached tokens are always a multiple of it
 * @param prefixCacheBlocks {@code sim.prefixCacheBlocks}: most blocks remembered; the least
 *     recently used go first, so memory stays bounded whatever the run's length
 */
public record Conversations(
    double toolCallShare, boolean prefixCache, int prefixCacheBlockTokens, int prefixCacheBlocks) {

  static final double DEFAULT_TOOL_CALL_SHARE = 0.5;

  /** vLLM's default {@code --block-size}. */
  static final int DEFAULT_BLOCK_TOKENS = 16;

  /** About a million tokens of prompts at 16 per block; a few megabytes of hashes. */
  static final int DEFAULT_BLOCKS = 65_536;

  private static final Conversations DEFAULTS =
      new Conversations(DEFAULT_TOOL_CALL_SHARE, false, DEFAULT_BLOCK_TOKENS, DEFAULT_BLOCKS);

  public Conversations {
    if (!(toolCallShare >= 0 && toolCallShare <= 1)) {
      throw new IllegalArgumentException(
          "toolCallShare must be between 0 and 1, got " + toolCallShare);
    }
    if (prefixCacheBlockTokens < 1) {
      throw new IllegalArgumentException(
          "prefixCacheBlockTokens must be >= 1, got " + prefixCacheBlockTokens);
    }
    if (prefixCacheBlocks < 1) {
      throw new IllegalArgumentException(
          "prefixCacheBlocks must be >= 1, got " + prefixCacheBlocks);
    }
  }

  /** A tool call on half the requests that offer tools; no prefix cache. */
  public static Conversations defaults() {
    return DEFAULTS;
  }

  public Conversations withToolCallShare(double value) {
    return new Conversations(value, prefixCache, prefixCacheBlockTokens, prefixCacheBlocks);
  }

  public Conversations withPrefixCache(boolean value) {
    return new Conversations(toolCallShare, value, prefixCacheBlockTokens, prefixCacheBlocks);
  }

  /** The cache's block size and capacity (in blocks). */
  public Conversations withPrefixCacheBlocks(int blockTokens, int blocks) {
    return new Conversations(toolCallShare, prefixCache, blockTokens, blocks);
  }
}
