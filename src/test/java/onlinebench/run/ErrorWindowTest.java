package onlinebench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import onlinebench.config.StopOnErrors;
import org.junit.jupiter.api.Test;

class ErrorWindowTest {
  private final List<String> trips = new CopyOnWriteArrayList<>();

  private ErrorWindow window(String percent, int size) {
    return new ErrorWindow(new StopOnErrors(new BigDecimal(percent), size), trips::add);
  }

  /** Records the outcomes in order: F a failure, anything else a success. */
  private static void record(ErrorWindow window, String outcomes) {
    for (char c : outcomes.toCharArray()) {
      window.record(c == 'F');
    }
  }

  @Test
  void doesNotTripBeforeTheWindowIsFullEvenWhenEveryRequestFailed() {
    ErrorWindow w = window("50", 10);
    record(w, "FFFFFFFFF");
    assertThat(w.tripReason()).isEmpty();
    assertThat(trips).isEmpty();
    record(w, "F");
    assertThat(w.tripReason())
        .hasValue("errors reached 100.0% of the last 10 requests (limit 50%)");
  }

  @Test
  void tripsExactlyWhenTheShareIsReached() {
    ErrorWindow w = window("50", 10);
    record(w, "FFFFSSSSSS");
    assertThat(w.tripReason()).as("4 of 10").isEmpty();
    record(w, "F");
    assertThat(w.tripReason()).as("the first F left the window: still 4 of 10").isEmpty();
    record(w, "SSSFFF");
    assertThat(w.tripReason()).as("last 10: SSSFSSSFFF, 4 of 10").isEmpty();
    record(w, "F");
    assertThat(w.tripReason())
        .as("last 10: SSFSSSFFFF, 5 of 10")
        .hasValue("errors reached 50.0% of the last 10 requests (limit 50%)");
  }

  @Test
  void theWindowSlidesFailuresOutAsNewOutcomesComeIn() {
    ErrorWindow w = window("75", 4);
    record(w, "FFSSFF");
    assertThat(w.tripReason()).as("last 4: SSFF").isEmpty();
    record(w, "F");
    assertThat(w.tripReason()).as("last 4: SFFF").isPresent();
  }

  @Test
  void aShareThatIsNoWholeCountRoundsUp() {
    assertThat(new StopOnErrors(new BigDecimal("33.3"), 10).minFailures()).isEqualTo(4);
    assertThat(new StopOnErrors(new BigDecimal("50"), 100).minFailures()).isEqualTo(50);
    assertThat(new StopOnErrors(new BigDecimal("0.1"), 10).minFailures()).isEqualTo(1);
    ErrorWindow w = window("33.3", 10);
    record(w, "SSSSSSSFFF");
    assertThat(w.tripReason()).as("30% is below 33.3%").isEmpty();
    record(w, "F");
    assertThat(w.tripReason())
        .hasValue("errors reached 40.0% of the last 10 requests (limit 33.3%)");
  }

  @Test
  void aWindowOfOneTripsOnTheFirstFailure() {
    ErrorWindow w = window("100", 1);
    record(w, "SSS");
    assertThat(w.tripReason()).isEmpty();
    record(w, "F");
    assertThat(w.tripReason()).isPresent();
  }

  @Test
  void tripsOnceHoweverManyFailuresFollow() {
    ErrorWindow w = window("50", 4);
    record(w, "FFFFFFFFFFFFFFFF");
    assertThat(trips).hasSize(1);
  }

  @Test
  void manyThreadsRecordingFailuresTripItExactlyOnce() throws Exception {
    ErrorWindow w = window("50", 100);
    runConcurrently(8, 10_000, i -> true, w);
    assertThat(trips).hasSize(1);
    assertThat(trips.get(0)).endsWith("of the last 100 requests (limit 50%)");
  }

  @Test
  void manyThreadsRecordingAShareBelowTheLimitNeverTripIt() throws Exception {
    // one failure in four from every thread: 25% however the threads interleave, far from 50%
    ErrorWindow w = window("50", 1000);
    runConcurrently(8, 50_000, i -> i % 4 == 0, w);
    assertThat(trips).isEmpty();
  }

  @Test
  void manyThreadsRecordingAShareAboveTheLimitTripIt() throws Exception {
    ErrorWindow w = window("50", 1000);
    runConcurrently(8, 50_000, i -> i % 4 != 0, w);
    assertThat(trips).hasSize(1);
  }

  private interface Outcome {
    boolean failed(int i);
  }

  private static void runConcurrently(int threads, int perThread, Outcome outcome, ErrorWindow w)
      throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  w.record(outcome.failed(i));
                }
              });
      thread.start();
      all.add(thread);
    }
    start.countDown();
    for (Thread thread : all) {
      thread.join();
    }
  }
}
