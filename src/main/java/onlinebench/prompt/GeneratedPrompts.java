package onlinebench.prompt;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import onlinebench.config.Injector;
import onlinebench.config.LengthSpec;

/**
 * The run's generated prompts, warmup and measured, each with its lengths drawn from the seed and
 * its sequence number: the same seed gives the same lengths and texts. Thread-safe; warmup and
 * measured prompts share one sequence, so no two prompts of a run are alike.
 *
 * <p>Warmup prompts are sized by the tokenizer alone, and every second one is half as long, so that
 * the calibration sees two lengths and can tell a server's ratio from its fixed overhead even when
 * promptTokens is fixed. Measured prompts are sized to hit their target in the server's count,
 * through the calibration frozen by the first measured prompt (the measured phase starts after
 * every warmup answer is in).
 */
public final class GeneratedPrompts {
  private static final long PROMPT_LENGTHS = 0x2545F4914F6CDD1DL;
  private static final long OUTPUT_LENGTHS = 0x61C8864680B583EBL;

  private final PromptGenerator generator;
  private final LengthSpec promptTokens;
  private final LengthSpec outputTokens;
  private final long seed;
  private final PromptCalibration calibration;
  private final Injector injector;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong warmups = new AtomicLong();
  private final LongAdder measuredTargetSum = new LongAdder();
  private final LongAdder measured = new LongAdder();
  private volatile Optional<CalibrationFit> fit;

  /**
   * @param promptTokens target lengths in the server's count; its shortest must exceed the
   *     generator's shared prefix
   * @param outputTokens {@code max_tokens} of each request
   * @param seed draws the lengths (the generator has its own seed for the words)
   */
  public GeneratedPrompts(
      PromptGenerator generator,
      LengthSpec promptTokens,
      LengthSpec outputTokens,
      long seed,
      PromptCalibration calibration) {
    this(generator, promptTokens, outputTokens, seed, calibration, Injector.SINGLE);
  }

  /**
   * @param injector which load generator this is: its prompts take the sequence numbers {@code
   *     index + count·k}, disjoint from every other generator's, so no prompt is sent twice across
   *     generators (a server's prefix cache would flatter TTFT)
   */
  public GeneratedPrompts(
      PromptGenerator generator,
      LengthSpec promptTokens,
      LengthSpec outputTokens,
      long seed,
      PromptCalibration calibration,
      Injector injector) {
    if (promptTokens.min() < generator.minTokens()) {
      throw new IllegalArgumentException(
          "promptTokens " + promptTokens + " can be shorter than the shared prefix allows");
    }
    this.generator = generator;
    this.promptTokens = promptTokens;
    this.outputTokens = outputTokens;
    this.seed = seed;
    this.calibration = calibration;
    this.injector = injector;
  }

  /** The next warmup prompt: its target length, or half of it for every second one. */
  public ChatPrompt warmup() {
    long n = injector.sequence(sequence.getAndIncrement());
    int target = promptTokens.sample(random(n, PROMPT_LENGTHS));
    int tokens = warmups.getAndIncrement() % 2 == 0 ? target : target / 2;
    return prompt(n, tokens);
  }

  /** The next measured prompt, sized by the calibration (frozen on the first call). */
  public ChatPrompt measured() {
    Optional<CalibrationFit> frozen = fit;
    if (frozen == null) {
      frozen = calibration.freeze();
      fit = frozen;
    }
    long n = injector.sequence(sequence.getAndIncrement());
    int target = promptTokens.sample(random(n, PROMPT_LENGTHS));
    measuredTargetSum.add(target);
    measured.increment();
    return prompt(n, frozen.map(f -> f.ourTokensFor(target)).orElse(target));
  }

  private ChatPrompt prompt(long n, int tokens) {
    String text = generator.prompt(n, Math.max(generator.minTokens(), tokens));
    return ChatPrompt.user(text, outputTokens.sample(random(n, OUTPUT_LENGTHS)));
  }

  private SplittableRandom random(long sequenceNumber, long stream) {
    return RequestDraws.random(seed, sequenceNumber, stream);
  }

  /** The mean target length of the measured prompts so far; empty before the first. */
  public OptionalDouble targetMeanTokens() {
    long count = measured.sum();
    return count == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) measuredTargetSum.sum() / count);
  }
}
