package onlinebench.simulator;

/**
 * Where a server's {@link TruthRecord}s go: the truth-log file ({@code sim.truthLog}) and the
 * in-memory capture ({@link SimulatorServer#takeRequest()}), each only when turned on.
 */
final class TruthSink {

  private final TruthLog file;
  private final ServedRequests memory;

  TruthSink(TruthLog file, ServedRequests memory) {
    this.file = file;
    this.memory = memory;
  }

  /** Whether any record is kept; responses skip collecting chunk times when not. */
  boolean enabled() {
    return file.enabled() || memory.enabled();
  }

  /** Never blocks an event loop for long: the file is written on its own thread. */
  void record(TruthRecord record) {
    file.record(record);
    memory.add(record);
  }
}
