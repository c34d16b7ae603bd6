package onlinebench.prompt;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An endless Gatling feeder of prompts: each record is {@code {"prompt": ChatPrompt}}. Gatling
 * feeders are plain iterators of maps, so this class needs no Gatling type. Safe to call from many
 * event loops at once when its source is.
 */
public final class PromptFeeder implements Iterator<Map<String, Object>> {
  /** The session attribute that holds the {@link ChatPrompt}. */
  public static final String PROMPT_ATTRIBUTE = "prompt";

  private final Supplier<ChatPrompt> source;

  public PromptFeeder(Supplier<ChatPrompt> source) {
    this.source = source;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public Map<String, Object> next() {
    return Map.of(PROMPT_ATTRIBUTE, source.get());
  }
}
