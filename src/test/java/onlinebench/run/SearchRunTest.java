package onlinebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.config.SearchParameter;
import onlinebench.gatling.BenchmarkPlan;
import onlinebench.load.MeasuredLoad;
import onlinebench.metrics.ClockAnchor;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import onlinebench.report.ConsoleNotices;
import onlinebench.report.FirstFailures;
import onlinebench.report.SearchStepResult;
import org.junit.jupiter.api.Test;

/**
 * A search's slots driven as Gatling would drive them, without Gatling: every user of a slot calls
 * admit(), the admitted ones take the warmup tickets and then the measured tickets, and each
 * measured request is recorded into the slot's sink. The "server" answers in 20 ms × concurrency
 * (or fails, where a test says so), so with {@code e2el.max<100ms} concurrency 4 is the boundary.
 */
class SearchRunTest {
  private static final long MS = 1_000_000;

  private final List<String> notices = new ArrayList<>();

  private SearchRun search(String... keyValues) {
    Map<String, String> properties = new HashMap<>();
    properties.put("apiBase", "http://127.0.0.1:8000/v1");
    properties.put("model", "m");
    properties.put("totalRequests", "10");
    properties.put("warmupRequests", "3");
    properties.put("slo", "e2el.max<100ms");
    for (int i = 0; i < keyValues.length; i += 2) {
      properties.put(keyValues[i], keyValues[i + 1]);
    }
    BenchConfig config = BenchConfigParser.parse(properties, Map.of());
    return new SearchRun(
        config,
        SearchParameter.parse(properties, Map.of(), config).orElseThrow(),
        (level, stop) ->
            new MeasuredLevel(
                level,
                Optional.empty(),
                new FirstFailures(new ConsoleNotices()),
                new HarnessMonitor(10, 0.9),
                ClockAnchor.now(),
                stop,
                notices::add),
        notices::add);
  }

  /** What one slot did: users admitted, warmup tickets taken, measured requests sent. */
  private record SlotRun(int admitted, int warmups, int requests) {}

  /** Runs every slot in turn; a request at {@code admitted} users fails when {@code fails} says. */
  private static List<SlotRun> drive(SearchRun run, IntPredicate fails) {
    List<SlotRun> slots = new ArrayList<>();
    long clock = 0;
    for (int i = 0; i < run.slots(); i++) {
      BenchmarkPlan.SearchSlot slot = run.slot(i);
      int admitted = 0;
      for (int u = 0; u < run.users(); u++) {
        admitted += slot.admit() ? 1 : 0;
      }
      int warmups = 0;
      while (admitted > 0 && slot.takeWarmupTicket()) {
        warmups++;
      }
      for (int u = 0; u < admitted; u++) {
        assertThat(slot.readyToMeasure()).as("slot %d before user %d warmed up", i, u).isFalse();
        slot.warmedUp();
      }
      assertThat(slot.readyToMeasure()).as("slot %d", i).isEqualTo(admitted > 0);
      int requests = 0;
      while (admitted > 0 && nextTicket(slot.load())) {
        long start = clock += MS;
        slot.sink().requestStarting(start);
        slot.sink()
            .record(
                fails.test(admitted)
                    ? RequestRecord.failed(start, start + MS, 503, ErrorKind.HTTP_5XX, "busy")
                    : RequestRecord.completed(
                        start, start + 20 * MS * admitted, OptionalLong.of(8), OptionalLong.of(8)));
        requests++;
      }
      slots.add(new SlotRun(admitted, warmups, requests));
    }
    run.judgeRunning();
    return slots;
  }

  private static boolean nextTicket(MeasuredLoad load) {
    if (load.stop().stopped()) {
      return false;
    }
    return load instanceof MeasuredLoad.Closed closed
        ? closed.tickets().getAsBoolean()
        : ((MeasuredLoad.Open) load).tickets().take().isPresent();
  }

  private static List<Double> levels(SearchRun run) {
    return run.results().stream().map(r -> r.step().level()).toList();
  }

  @Test
  void eachSlotRunsTheLevelTheSearchNamesWithThatManyUsers() {
    SearchRun run = search("search", "concurrency", "searchMax", "8");

    List<SlotRun> slots = drive(run, c -> false);

    assertThat(run.users()).as("users for the highest level").isEqualTo(8);
    assertThat(levels(run)).containsExactly(1.0, 2.0, 4.0, 8.0, 6.0, 5.0, 4.0);
    assertThat(slots.subList(0, 7).stream().map(SlotRun::admitted))
        .containsExactly(1, 2, 4, 8, 6, 5, 4);
    assertThat(slots.subList(0, 7))
        .allSatisfy(s -> assertThat(s.requests()).as("totalRequests per step").isEqualTo(10));
    assertThat(slots.subList(7, slots.size()))
        .as("slots left once the search is over admit nobody")
        .allSatisfy(s -> assertThat(s).isEqualTo(new SlotRun(0, 0, 0)));
    assertThat(run.search().boundary()).hasValue(4);
    assertThat(run.slot(6).searchOver()).as("the re-check's slot ran a step").isFalse();
    assertThat(run.slot(7).searchOver()).as("the first slot with no step left").isTrue();
    assertThat(notices).contains("Search step 4 (bracket): concurrency 8");
  }

  @Test
  void warmsUpOnlyWhenTheLevelDiffersFromTheStepBefore() {
    SearchRun run = search("search", "concurrency", "searchMin", "2", "searchMax", "2");

    List<SlotRun> slots = drive(run, c -> false);

    assertThat(levels(run)).containsExactly(2.0, 2.0);
    assertThat(slots.get(0).warmups()).isEqualTo(3);
    assertThat(slots.get(1).warmups()).as("the re-check of the same level").isZero();
  }

  @Test
  void aStepStoppedEarlyFailsAndTheSearchGoesOnBelowIt() {
    SearchRun run = search("search", "concurrency", "searchMax", "8", "stopOnErrors", "50%/4");

    List<SlotRun> slots = drive(run, c -> c >= 8);

    SearchStepResult stopped = run.results().get(3);
    assertThat(stopped.step().level()).isEqualTo(8.0);
    assertThat(stopped.step().passed()).isFalse();
    assertThat(stopped.stoppedEarly()).isPresent();
    assertThat(stopped.step().whyFailed().orElseThrow()).startsWith("stopped early: ");
    assertThat(slots.get(3).requests()).as("the window stopped the step").isEqualTo(4);
    assertThat(slots.get(4).requests()).as("the next step has its own stop").isEqualTo(10);
    assertThat(run.search().boundary()).hasValue(4);
  }

  @Test
  void aRateSearchHandsOutTheStepsArrivalTickets() {
    SearchRun run =
        search("search", "rate", "searchMin", "1", "searchMax", "4", "slo", "e2el.max<10s");

    List<SlotRun> slots = drive(run, c -> false);

    assertThat(run.closed()).isFalse();
    assertThat(levels(run)).containsExactly(1.0, 2.0, 4.0, 4.0);
    assertThat(slots.subList(0, 4))
        .allSatisfy(s -> assertThat(s.requests()).as("totalRequests per step").isEqualTo(10));
    assertThat(run.search().reachedMax()).isTrue();
  }
}
