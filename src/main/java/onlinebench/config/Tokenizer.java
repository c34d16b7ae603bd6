package onlinebench.config;

import java.util.Locale;

/** The BPE vocabulary prompts are sized with ({@code -Dtokenizer}). */
public enum Tokenizer {
  /** GPT-4 and GPT-3.5's vocabulary; close to most open models' counts for plain English. */
  CL100K_BASE,
  /** GPT-4o's vocabulary. */
  O200K_BASE;

  /** The name as typed and shown, e.g. {@code cl100k_base}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
