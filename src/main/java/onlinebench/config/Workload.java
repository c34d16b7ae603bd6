package onlinebench.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the requests contain beyond their lengths: where prompts come from and what each body asks.
 *
 * @param seed makes prompt words, sampled lengths and dataset sampling reproducible
 * @param ignoreEos whether bodies carry {@code ignore_eos} and {@code min_tokens}, so that servers
 *     that honour them (vLLM, SGLang) generate exactly {@code max_tokens}
 * @param dataset a JSONL file of OpenAI messages or ShareGPT conversations to take prompts from;
 *     empty means generated prompts
 * @param sharedPrefixTokens tokens of one fixed prefix put before every generated prompt (prefix
 *     cache tests); 0 for none
 * @param endpoint which API is called
 * @param tokenizer the vocabulary generated prompts are sized with, exactly
 * @param sessions the session workload ({@code -Dworkload=conversation}); empty for one request per
 *     ticket
 */
public record Workload(
    long seed,
    boolean ignoreEos,
    Optional<Path> dataset,
    int sharedPrefixTokens,
    Endpoint endpoint,
    Tokenizer tokenizer,
    Optional<SessionWorkload> sessions) {

  /** What a run uses when no workload property is given. */
  public static final Workload DEFAULT =
      new Workload(
          42, false, Optional.empty(), 0, Endpoint.CHAT, Tokenizer.CL100K_BASE, Optional.empty());
}
