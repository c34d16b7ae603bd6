package onlinebench.metrics;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;
import onlinebench.record.SessionRecord;

/**
 * A scenario's recorders: one {@link RunRecorder} for every request of the run, and one per request
 * name (a chat action's name in Gatling's report), so the whole run and each name get the same
 * figures. Sessions belong to the whole run: they go to its recorder only. Safe to record into from
 * many event loops at once.
 */
public final class NamedRecorders {
  private final Optional<Predicate<RequestRecord>> goodRequest;
  private final ClockAnchor clock;
  private final RunRecorder all;
  // asked for only while Gatling builds the actions (from a chain's end backwards), so a lock
  // costs nothing on the request path; the snapshot orders them by their first send, ties in the
  // order asked for
  private final Map<String, RunRecorder> byName = new LinkedHashMap<>();

  /**
   * @param goodRequest which successful requests count toward goodput; empty for no goodput
   */
  public NamedRecorders(Optional<Predicate<RequestRecord>> goodRequest, ClockAnchor clock) {
    this.goodRequest = goodRequest;
    this.clock = clock;
    this.all = new RunRecorder(goodRequest, clock);
  }

  /**
   * Where the requests named {@code requestName} go: its own recorder and the whole run's. Asking
   * twice for one name gives sinks into the same recorder (two actions may share a name, as in
   * Gatling's report).
   */
  public synchronized RequestSink sink(String requestName) {
    RunRecorder named =
        byName.computeIfAbsent(requestName, name -> new RunRecorder(goodRequest, clock));
    return new RequestSink() {
      @Override
      public void requestStarting(long startNanos) {
        all.requestStarting(startNanos);
        named.requestStarting(startNanos);
      }

      @Override
      public void record(RequestRecord request) {
        all.record(request);
        named.record(request);
      }
    };
  }

  /** A virtual user's journey ended: counted once, in the whole run's figures. */
  public void recordSession(SessionRecord session) {
    all.recordSession(session);
  }

  /** The whole run's recorder: its time series and distributions draw llm.html. */
  public RunRecorder all() {
    return all;
  }

  /** Stops every recorder counting: for a run stopped while its users were still working. */
  public synchronized void freeze() {
    all.freeze();
    byName.values().forEach(RunRecorder::freeze);
  }

  /**
   * The whole run's state and each name's: only names that sent a request (an action in an untaken
   * {@code doIf} has none), in the order of their first send, as a reader of the scenario meets
   * them.
   */
  public synchronized Snapshot snapshot() {
    Map<String, RecorderState> names = new LinkedHashMap<>();
    byName.entrySet().stream()
        .filter(e -> e.getValue().firstStartNanos() != Long.MAX_VALUE)
        .sorted(Comparator.comparingLong(e -> e.getValue().firstStartNanos()))
        .forEach(e -> names.put(e.getKey(), e.getValue().snapshot()));
    return new Snapshot(all.snapshot(), names);
  }

  /**
   * What the recorders held at one moment; also what a user-written Simulation's histograms.json
   * holds, and several such runs added by the merge.
   *
   * @param all every request and session of the run
   * @param byName each request name's requests, in the order of the names' first sends (merged: in
   *     the order the runs list them)
   */
  public record Snapshot(RecorderState all, Map<String, RecorderState> byName) {
    public Snapshot {
      byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Each name's summary, in order. */
    public Map<String, Summary> summariesByName() {
      Map<String, Summary> out = new LinkedHashMap<>();
      byName.forEach((name, state) -> out.put(name, state.summary()));
      return out;
    }
  }
}
