package onlinebench.run;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import onlinebench.config.BenchConfig;
import onlinebench.prompt.ChatPrompt;
import onlinebench.prompt.Dataset;
import onlinebench.prompt.DatasetPrompts;
import onlinebench.prompt.DatasetReader;

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
              return new DatasetPrompts(dataset, config.workload().seed(), maxTokens(config));
            });
  }

  /** {@code max_tokens} of each dataset request: outputTokens, as for generated prompts. */
  private static IntSupplier maxTokens(BenchConfig config) {
    int maxTokens = config.outputTokens();
    return () -> maxTokens;
  }
}
