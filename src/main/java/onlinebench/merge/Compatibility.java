package onlinebench.merge;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Whether several runs are the shares of one load: all the benchmark's or all one user-written
 * Simulation's, with the same model, streaming and endpoint; the benchmark's each run as one of
 * exactly as many generators as there are runs, with distinct indices. A user-written Simulation
 * has no indices: each generator runs it whole, and its runs are merged as given.
 */
final class Compatibility {
  // a user-written Simulation's config names its simulation; the benchmark's its endpoint
  private static final List<String> SAME = List.of("model", "stream", "endpoint", "simulation");

  private Compatibility() {}

  /**
   * @throws IllegalArgumentException one line naming the runs and the first difference
   */
  static void check(List<MergeInput> runs) {
    MergeInput first = runs.get(0);
    for (MergeInput run : runs) {
      if (run.scenario() != first.scenario()) {
        MergeInput scenario = run.scenario() ? run : first;
        MergeInput benchmark = run.scenario() ? first : run;
        throw new IllegalArgumentException(
            "runs must all be the benchmark's or all a user-written Simulation's to be merged, got"
                + " "
                + scenario.folder()
                + " (a user-written Simulation's) and "
                + benchmark.folder()
                + " (the benchmark's)");
      }
      for (String key : SAME) {
        String a = first.config().path(key).asText();
        String b = run.config().path(key).asText();
        if (!a.equals(b)) {
          throw new IllegalArgumentException(
              "runs must share "
                  + key
                  + " to be merged, got \""
                  + a
                  + "\" ("
                  + first.folder()
                  + ") and \""
                  + b
                  + "\" ("
                  + run.folder()
                  + ")");
        }
      }
    }
    if (first.scenario()) {
      // no indices to tell the shares apart: at least no folder counted twice
      Set<Path> folders = new HashSet<>();
      for (MergeInput run : runs) {
        if (!folders.add(run.folder().toAbsolutePath().normalize())) {
          throw new IllegalArgumentException(
              run.folder() + " was given twice: merge each run once");
        }
      }
      return;
    }
    Map<Integer, MergeInput> byIndex = new TreeMap<>();
    for (MergeInput run : runs) {
      int count = run.config().path("injectorCount").asInt(1);
      if (count != runs.size()) {
        throw new IllegalArgumentException(
            run.folder()
                + " ran as one of injectorCount="
                + count
                + " generators, but "
                + runs.size()
                + (runs.size() == 1 ? " run was" : " runs were")
                + " given: merge all the shares of one benchmark, each once");
      }
      int index = run.config().path("injectorIndex").asInt(0);
      MergeInput other = byIndex.put(index, run);
      if (other != null) {
        throw new IllegalArgumentException(
            other.folder()
                + " and "
                + run.folder()
                + " both ran as injectorIndex="
                + index
                + ": each generator needs its own index from 0 to "
                + (count - 1));
      }
    }
  }
}
