package onlinebench.simulator;

import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a server family shapes its answers on the wire, beyond what every OpenAI-compatible server
 * shares. Timing is never part of it: {@link TimingModel} decides when tokens are due whatever the
 * shape.
 *
 * <p>OpenAI's shape is the base: {@link #openAiExcept} writes a server family down as its
 * differences from it.
 *
 * @param roleChunk where a chat stream says {@code "role":"assistant"}
 * @param nullUsage whether chunks before the last carry {@code "usage":null}
 * @param finishOnLastToken the last token's chunk carries {@code finish_reason} and no separate
 *     finish chunk follows
 * @param systemFingerprint the {@code system_fingerprint} of every body and chunk; null for none
 * @param usageExtras fields added to every {@code usage} object
 * @param timings a llama.cpp {@code timings} object beside every {@code usage}
 * @param usageWithFinish the finish chunk and the usage chunk leave in one write
 * @param textUsageOnFinishChunk a legacy completions stream puts usage on its finish chunk instead
 *     of a separate chunk with empty {@code choices}
 * @param anyModel any {@code model} name is served instead of a 404 for names but the served one
 * @param errors the shape (and some statuses) of error bodies
 * @param models the shape of {@code GET /v1/models}
 * @param headers the headers of every response
 * @param reasoning where reasoning text and its count go ({@code sim.reasoningTokens})
 */
public record WireShape(
    RoleChunk roleChunk,
    NullUsage nullUsage,
    boolean finishOnLastToken,
    @Nullable String systemFingerprint,
    UsageExtras usageExtras,
    boolean timings,
    boolean usageWithFinish,
    boolean textUsageOnFinishChunk,
    boolean anyModel,
    ErrorStyle errors,
    ModelsStyle models,
    HeaderStyle headers,
    ReasoningShape reasoning) {

  /** Where a chat stream says who speaks. */
  public enum RoleChunk {
    /** {@code {"role":"assistant","content":""}} in the same write as the first token. */
    EMPTY_WITH_FIRST_TOKEN,
    /** {@code {"role":"assistant","content":null}} in the same write as the first token. */
    NULL_WITH_FIRST_TOKEN,
    /** {@code {"role":"assistant","content":""}} in its own write just before the first token. */
    EMPTY_OWN_WRITE,
    /** {@code {"role":"assistant","content":""}} in its own write as soon as prefill starts. */
    EMPTY_AT_PREFILL,
    /** No role chunk: every delta carries {@code "role":"assistant"} beside its content. */
    IN_EVERY_DELTA
  }

  /** Which chunks carry {@code "usage":null}. */
  public enum NullUsage {
    /** None: {@code usage} appears only where it has a value. */
    ABSENT,
    /** Every chunk before the usage chunk, when the client asked for usage. */
    WHEN_INCLUDE_USAGE,
    /** Every chunk without usage, asked for or not. */
    ALWAYS
  }

  /** Fields beside {@code prompt_tokens}, {@code completion_tokens} and {@code total_tokens}. */
  public enum UsageExtras {
    NONE,
    /** {@code "prompt_tokens_details":{"cached_tokens":0}}. */
    CACHED_TOKENS,
    /** {@code "prompt_tokens_details":null,"reasoning_tokens":0}. */
    NULL_DETAILS_AND_REASONING
  }

  public WireShape {
    Objects.requireNonNull(roleChunk, "roleChunk");
    Objects.requireNonNull(nullUsage, "nullUsage");
    Objects.requireNonNull(usageExtras, "usageExtras");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(reasoning, "reasoning");
  }

  /**
   * OpenAI's shape with a family's differences applied, so each family names only its quirks.
   *
   * @param quirks sets the components in which the family differs from OpenAI
   */
  static WireShape openAiExcept(Consumer<Draft> quirks) {
    Draft draft = new Draft();
    quirks.accept(draft);
    return draft.build();
  }

  /** Every component, mutable, each starting as OpenAI's API reference has it. */
  static final class Draft {
    RoleChunk roleChunk = RoleChunk.EMPTY_WITH_FIRST_TOKEN;
    NullUsage nullUsage = NullUsage.WHEN_INCLUDE_USAGE;
    boolean finishOnLastToken;
    @Nullable String systemFingerprint;
    UsageExtras usageExtras = UsageExtras.NONE;
    boolean timings;
    boolean usageWithFinish;
    boolean textUsageOnFinishChunk;
    boolean anyModel;
    ErrorStyle errors = ErrorStyle.OPENAI;
    ModelsStyle models = ModelsStyle.OPENAI;
    HeaderStyle headers = HeaderStyle.OPENAI;
    ReasoningShape reasoning = ReasoningShape.OPENAI;

    private Draft() {}

    private WireShape build() {
      return new WireShape(
          roleChunk,
          nullUsage,
          finishOnLastToken,
          systemFingerprint,
          usageExtras,
          timings,
          usageWithFinish,
          textUsageOnFinishChunk,
          anyModel,
          errors,
          models,
          headers,
          reasoning);
    }
  }
}
