package onlinebench.prompt;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import onlinebench.config.Tokenizer;

/**
 * Counts tokens with a real BPE vocabulary (jtokkit's port of OpenAI's tiktoken). Thread-safe:
 * jtokkit's encodings are immutable.
 */
public final class TokenCounter {
  private final Tokenizer tokenizer;
  private final Encoding encoding;

  private TokenCounter(Tokenizer tokenizer, Encoding encoding) {
    this.tokenizer = tokenizer;
    this.encoding = encoding;
  }

  /** Loads the vocabulary (a few hundred milliseconds, once per run). */
  public static TokenCounter of(Tokenizer tokenizer) {
    EncodingType type =
        switch (tokenizer) {
          case CL100K_BASE -> EncodingType.CL100K_BASE;
          case O200K_BASE -> EncodingType.O200K_BASE;
        };
    return new TokenCounter(tokenizer, Encodings.newLazyEncodingRegistry().getEncoding(type));
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /** Tokens of a text; special-token markers such as {@code <|endoftext|>} count as plain text. */
  public int count(String text) {
    return encoding.countTokensOrdinary(text);
  }

  /** Tokens of every message's content, without any chat template (which the server adds). */
  public int count(ChatPrompt prompt) {
    int total = 0;
    for (ChatPrompt.Message m : prompt.messages()) {
      if (m.content() != null) { // an assistant message of tool calls only has none
        total += count(m.content());
      }
    }
    return total;
  }
}
