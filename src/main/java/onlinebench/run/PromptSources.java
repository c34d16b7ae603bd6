package onlinebench.run;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.config.LengthSpec;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.Dataset;
import onlinebench.prompt.DatasetPrompts;
import onlinebench.prompt.DatasetReader;
import onlinebench.prompt.RequestDraws;

/** Where a run's prompts come from when {@code -Ddataset} names a file. */
final class PromptSources {
  private PromptSources() {}

  /**
   * Reads the dataset, if one is given, before anything is sent: a bad entry stops the run here
   * with a {@link onlinebench.config.ConfigException} naming its line.
   *
   * @return the dataset's prompts; empty when prompts are generated
   */
  static Optional<Supplier<ChatPrompt>> dataset(BenchConfig config, PrintStream out) {
    return config
        .workload()
        .dataset()
        .map(
            file -> {
              Dataset dataset = DatasetReader.read(file);
              out.println("Dataset " + dataset.describe());
              return new DatasetPrompts(
                  dataset, config.workload().seed(), maxTokens(config), config.injector());
            });
  }

  /**
   * {@code max_tokens} of each dataset request: drawn from outputTokens as for generated prompts,
   * reproducibly from the seed and the request's sequence number.
   */
  private static IntSupplier maxTokens(BenchConfig config) {
    LengthSpec spec = config.outputTokens();
    long seed = config.workload().seed();
    AtomicLong sequence = new AtomicLong();
    // stream 0: the draw these lengths have always used, so a seed keeps giving the same lengths
    return () ->
        spec.sample(
            RequestDraws.random(seed, config.injector().sequence(sequence.getAndIncrement()), 0));
  }
}
