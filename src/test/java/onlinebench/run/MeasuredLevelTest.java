package onlinebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import onlinebench.config.BenchConfig;
import onlinebench.config.BenchConfigParser;
import onlinebench.load.MeasuredLoad;
import onlinebench.load.StopSignal;
import onlinebench.metrics.ClockAnchor;
import onlinebench.metrics.HarnessMonitor;
import onlinebench.record.ErrorKind;
import onlinebench.record.RequestRecord;
import onlinebench.report.ConsoleNotices;
import onlinebench.report.FirstFailures;
import org.junit.jupiter.api.Test;

class MeasuredLevelTest {
  private static List<MeasuredLevel> levels(Map<String, String> properties, int index, int count) {
    Map<String, String> all = new HashMap<>(properties);
    all.put("injectorIndex", Integer.toString(index));
    all.put("injectorCount", Integer.toString(count));
    return levels(all, StopSignal.never(), line -> {});
  }

  private static List<MeasuredLevel> levels(
      Map<String, String> properties, StopSignal stop, Consumer<String> notices) {
    BenchConfig config = BenchConfigParser.parse(properties, Map.of());
    List<MeasuredLevel> levels = new ArrayList<>();
    for (BenchConfig level : config.levels()) {
      levels.add(
          new MeasuredLevel(
              level,
              Optional.empty(),
              new FirstFailures(new ConsoleNotices()),
              new HarnessMonitor(10, 0.9),
              ClockAnchor.now(),
              stop,
              notices));
    }
    return levels;
  }

  private static void finish(MeasuredLevel level, int ok, int failed) {
    for (int i = 0; i < ok; i++) {
      level.sink().requestStarting(i);
      level
          .sink()
          .record(RequestRecord.completed(i, i + 10, OptionalLong.of(16), OptionalLong.of(16)));
    }
    for (int i = 0; i < failed; i++) {
      level.sink().requestStarting(i);
      level.sink().record(RequestRecord.failed(i, i + 10, 500, ErrorKind.HTTP_5XX, "boom"));
    }
  }

  private static long closedTickets(MeasuredLevel level) {
    MeasuredLoad.Closed load = (MeasuredLoad.Closed) level.load();
    long n = 0;
    while (load.tickets().getAsBoolean()) {
      n++;
    }
    return n;
  }

  @Test
  void closedSharesOfRequestsAndUsersAddUpToTheWhole() {
    for (int count = 1; count <= 7; count++) {
      long requests = 0;
      long users = 0;
      for (int index = 0; index < count; index++) {
        MeasuredLevel level =
            levels(Map.of("totalRequests", "61", "concurrency", "10"), index, count).get(0);
        assertThat(closedTickets(level)).isEqualTo(level.requests().getAsLong());
        requests += level.requests().getAsLong();
        users += level.users();
        assertThat(level.users()).isPositive();
      }
      assertThat(requests).as("requests over %d generators", count).isEqualTo(61);
      assertThat(users).as("users over %d generators", count).isEqualTo(10);
    }
  }

  @Test
  void everySweepLevelIsSplit() {
    List<Long> users = new ArrayList<>(List.of(0L, 0L, 0L));
    for (int index = 0; index < 3; index++) {
      List<MeasuredLevel> levels =
          levels(Map.of("totalRequests", "30", "concurrency", "3,6,12"), index, 3);
      for (int i = 0; i < 3; i++) {
        users.set(i, users.get(i) + levels.get(i).users());
        assertThat(levels.get(i).requests()).hasValue(10);
      }
    }
    assertThat(users).containsExactly(3L, 6L, 12L);
  }

  @Test
  void openGeneratorsRunAPartOfTheRateOnSchedulesOfTheirOwn() {
    List<List<Long>> gaps = new ArrayList<>();
    long requests = 0;
    for (int index = 0; index < 2; index++) {
      MeasuredLevel level =
          levels(
                  Map.of("totalRequests", "41", "requestRate", "1000", "maxConcurrency", "5"),
                  index,
                  2)
              .get(0);
      MeasuredLoad.Open load = (MeasuredLoad.Open) level.load();
      List<Long> intended = new ArrayList<>();
      for (OptionalLong t = load.tickets().take(); t.isPresent(); t = load.tickets().take()) {
        intended.add(t.getAsLong());
      }
      requests += intended.size();
      List<Long> g = new ArrayList<>();
      for (int i = 1; i < intended.size(); i++) {
        g.add(intended.get(i) - intended.get(i - 1));
      }
      gaps.add(g);
      // 20 or 21 requests at 500 req/s: about 40 ms of schedule, not 20
      assertThat(intended.get(intended.size() - 1) - intended.get(0))
          .isBetween(10_000_000L, 200_000_000L);
      assertThat(level.users()).isBetween(2, 3);
    }
    assertThat(requests).isEqualTo(41);
    // index 0 takes the odd request: compare the first 19 gaps of each
    assertThat(gaps.get(0).subList(0, 19)).isNotEqualTo(gaps.get(1).subList(0, 19));
  }

  @Test
  void aLevelWhoseErrorWindowTripsStopsItsUsersAndTheSweepsLaterLevels() {
    StopSignal stop = StopSignal.armed();
    List<String> notices = new ArrayList<>();
    List<MeasuredLevel> levels =
        levels(
            Map.of("totalRequests", "40", "concurrency", "2,4", "stopOnErrors", "50%/10"),
            stop,
            notices::add);
    MeasuredLevel first = levels.get(0);

    finish(first, 5, 4);
    assertThat(first.stoppedEarly()).as("9 outcomes do not fill a window of 10").isEmpty();
    assertThat(((MeasuredLoad.Closed) first.load()).tickets().getAsBoolean()).isTrue();
    finish(first, 0, 1);

    assertThat(first.stoppedEarly())
        .hasValue("errors reached 50.0% of the last 10 requests (limit 50%)");
    assertThat(levels.get(1).stoppedEarly()).as("the later level never ran").isEmpty();
    assertThat(first.load().stop().stopped()).isTrue();
    assertThat(levels.get(1).load().stop().stopped()).isTrue();
    assertThat(notices)
        .containsExactly(
            "Stopping early: errors reached 50.0% of the last 10 requests (limit 50%); no new"
                + " requests are sent, those in flight finish");
  }

  @Test
  void withoutStopOnErrorsALevelNeverStopsEarly() {
    MeasuredLevel level = levels(Map.of("totalRequests", "40", "concurrency", "2"), 0, 1).get(0);
    finish(level, 0, 40);
    assertThat(level.stoppedEarly()).isEmpty();
    assertThat(level.load().stop().isArmed()).isFalse();
  }

  @Test
  void aSweepLevelIsNamedByItsConcurrencyOrItsRateAsWritten() {
    assertThat(
            levels(Map.of("totalRequests", "30", "concurrency", "3,12"), 0, 1).stream()
                .map(level -> MeasuredLevel.name(level.config())))
        .containsExactly("concurrency 3", "concurrency 12");
    assertThat(
            levels(Map.of("totalRequests", "30", "requestRate", "1,2.5"), 0, 1).stream()
                .map(level -> MeasuredLevel.name(level.config())))
        .containsExactly("rate 1", "rate 2.5");
  }

  @Test
  void aGeneratorSaysWhatShareItRuns() {
    assertThat(
            BenchmarkRun.shareLine(
                BenchConfigParser.parse(
                    Map.of(
                        "totalRequests",
                        "61",
                        "concurrency",
                        "6",
                        "injectorIndex",
                        "0",
                        "injectorCount",
                        "2"),
                    Map.of())))
        .isEqualTo(
            "Load generator 0 of 2: 31 of 61 requests, 3 of 6 users; merge all generators' run"
                + " folders with ./mvnw -q compile exec:java@merge -Druns=dirA,dirB,...");
    assertThat(
            BenchmarkRun.shareLine(
                BenchConfigParser.parse(
                    Map.of(
                        "requestRate",
                        "5",
                        "duration",
                        "60s",
                        "injectorIndex",
                        "3",
                        "injectorCount",
                        "4"),
                    Map.of())))
        .startsWith("Load generator 3 of 4: 1.25 of 5 req/s;");
  }

  @Test
  void aSessionWorkloadHandsOutOneTicketPerSessionAndExpectsItsTurns() {
    Map<String, String> conversation =
        Map.of("workload", "conversation", "sessions", "10", "turns", "2:6", "concurrency", "16");
    MeasuredLevel level = levels(conversation, 0, 1).get(0);

    assertThat(level.requests()).hasValue(10);
    assertThat(level.users()).as("never more users than sessions").isEqualTo(10);
    assertThat(level.expectedRequests()).as("10 sessions of 4 turns on average").isEqualTo(40);
    MeasuredLoad.Closed load = (MeasuredLoad.Closed) level.load();
    int tickets = 0;
    while (load.tickets().getAsBoolean()) {
      tickets++;
    }
    assertThat(tickets).isEqualTo(10);
    assertThat(levels(conversation, 1, 3).get(0).requests()).as("a generator's share").hasValue(3);
    assertThat(
            BenchmarkRun.shareLine(
                BenchConfigParser.parse(
                    Map.of(
                        "workload", "conversation",
                        "sessions", "10",
                        "concurrency", "4",
                        "injectorIndex", "0",
                        "injectorCount", "2"),
                    Map.of())))
        .startsWith("Load generator 0 of 2: 5 of 10 sessions, 2 of 4 users;");
  }
}
