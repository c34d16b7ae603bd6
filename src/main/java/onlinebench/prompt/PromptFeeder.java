package onlinebench.prompt;

import java.util.Iterator;
import java.util.Map;

/**
 * An endless Gatling feeder of distinct prompts: each record is {@code {"prompt": text}}. Gatling
 * feeders are plain iterators of maps, so this class needs no Gatling type. Safe to call from many
 * event loops at once.
 */
public final class PromptFeeder implements Iterator<Map<String, Object>> {
  /** The session attribute that holds the prompt. */
  public static final String PROMPT_ATTRIBUTE = "prompt";

  private final PromptGenerator generator;

  public PromptFeeder(PromptGenerator generator) {
    this.generator = generator;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    return Map.of(PROMPT_ATTRIBUTE, generator.next());
  }
}
