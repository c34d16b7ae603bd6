package onlinebench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * The block hashes of a prompt, for the {@link PrefixCache}: the prompt's tokens (by the configured
 * tokenizer, in prompt order) cut into blocks of a fixed size, each full block's hash covering
 * every token up to its end and each message's role, as vLLM chains a block's hash to its parent's
 * (vllm-project/vllm {@code vllm/v1/core/kv_cache_utils.py}, {@code hash_block_tokens}). So two
 * prompts share a block hash exactly when they agree on everything up to that block's end, and a
 * last partial block is never hashed (vLLM: "We only hash full blocks"). The chat template's extra
 * tokens ({@code sim.chatTemplateTokens}) have no text and are never part of a block.
 *
 * <p>Hashes are 64 bits, chained through SplittableRandom's mixing function: a false hit needs two
 * different prefixes with equal hashes, about one chance in 2^64 per pair of blocks.
 */
final class PromptBlocks {

  private static final long ROLE = 0x726f6c65L;
  private static final long[] NONE = new long[0];

  private final int blockTokens;
  private final PromptCounting.Tokenizer tokenizer;
  private final StringBuilder pendingChars = new StringBuilder(4);
  private long hash = 0x70726566L;
  private long tokens;
  private long[] blocks = new long[8];
  private int count;

  private PromptBlocks(PromptCounting.Tokenizer tokenizer, int blockTokens) {
    this.tokenizer = tokenizer;
    this.blockTokens = blockTokens;
  }

  /** The block hashes of a validated {@code messages} array; none when blockTokens is 0. */
  static long[] ofMessages(JsonNode messages, PromptCounting.Tokenizer tokenizer, int blockTokens) {
    if (blockTokens == 0) {
      return NONE;
    }
    PromptBlocks blocks = new PromptBlocks(tokenizer, blockTokens);
    PromptTokenCounter.visitTexts(
        messages,
        new PromptTokenCounter.TextVisitor() {
          @Override
          public void message(String role) {
            blocks.role(role);
          }

          @Override
          public void text(String text) {
            blocks.text(text);
          }
        });
    return blocks.finish();
  }

  /** The block hashes of a legacy completion's {@code prompt}; none when blockTokens is 0. */
  static long[] ofPrompt(String prompt, PromptCounting.Tokenizer tokenizer, int blockTokens) {
    if (blockTokens == 0) {
      return NONE;
    }
    PromptBlocks blocks = new PromptBlocks(tokenizer, blockTokens);
    blocks.text(prompt);
    return blocks.finish();
  }

  /** A role marker: mixed into the chain, as a template's role header, but not a token. */
  private void role(String role) {
    hash = mix64(hash ^ (ROLE + role.hashCode()));
  }

  private void text(String text) {
    switch (tokenizer) {
      case WORDS -> PromptTokenCounter.forEachToken(text, this::token);
      case CHARS -> {
        // ceil(characters / 4) over all the texts together: a token is every 4 characters in a
        // row, across message boundaries, as the count takes them.
        for (int i = 0; i < text.length(); i++) {
          pendingChars.append(text.charAt(i));
          if (pendingChars.length() == 4) {
            token(pendingChars);
            pendingChars.setLength(0);
          }
        }
      }
    }
  }

  private void token(CharSequence token) {
    long tokenHash = mix64(token.toString().hashCode() ^ ((long) token.length() << 32));
    hash = mix64(hash * 0x9e3779b97f4a7c15L + tokenHash);
    tokens++;
    if (tokens % blockTokens == 0) {
      if (count == blocks.length) {
        blocks = Arrays.copyOf(blocks, count * 2);
      }
      blocks[count++] = hash;
    }
  }

  private long[] finish() {
    if (pendingChars.length() > 0) {
      token(pendingChars);
    }
    return Arrays.copyOf(blocks, count);
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplittableRandom. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
