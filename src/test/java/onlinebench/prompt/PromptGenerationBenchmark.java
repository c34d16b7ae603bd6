package onlinebench.prompt;

import java.util.concurrent.TimeUnit;
import onlinebench.config.LengthSpec;
import onlinebench.config.Tokenizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds per prompt: a measured 1024-token prompt as the run makes it (two length draws, the
 * calibration applied, the text built), beside what counting a 1024-token prompt with jtokkit costs
 * (what the calibration pays once per warmup answer, and what sizing by re-tokenising would pay per
 * attempt).
 *
 * <p>Lives in test scope; surefire skips it. Run with {@code benchmarks/prompt-jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PromptGenerationBenchmark {
  private TokenCounter counter;
  private GeneratedPrompts prompts;
  private String prompt1024;

  @Setup
  public void setUp() {
    counter = TokenCounter.of(Tokenizer.CL100K_BASE);
    PromptCalibration calibration = new PromptCalibration(counter);
    PromptGenerator generator = new PromptGenerator(counter, 42, 0);
    calibration.observe(ChatPrompt.user(generator.prompt(0, 512), 1), 560);
    calibration.observe(ChatPrompt.user(generator.prompt(1, 1024), 1), 1090);
    prompts =
        new GeneratedPrompts(
            generator, LengthSpec.fixed(1024), LengthSpec.fixed(1024), 42, calibration);
    prompt1024 = generator.prompt(7, 1024);
  }

  @Benchmark
  public ChatPrompt measuredPrompt1024() {
    return prompts.measured();
  }

  @Benchmark
  public int countTokens1024() {
    return counter.count(prompt1024);
  }
}
