package onlinebench.merge;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether several runs are the shares of one benchmark: the same model, streaming and endpoint,
 * each run as one of exactly as many generators as there are runs, with distinct indices.
 */
final class Compatibility {
  private static final List<String> SAME = List.of("model", "stream", "endpoint");

  private Compatibility() {}

  /**
   * @throws IllegalArgumentException one line naming the runs and the first difference
   */
  static void check(List<MergeInput> runs) {
    MergeInput first = runs.get(0);
    for (MergeInput run : runs) {
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
