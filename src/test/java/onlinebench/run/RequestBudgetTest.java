package onlinebench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
  @Test
  void handsOutExactlyTheTotalAcrossThreads() throws Exception {
    RequestBudget budget = new RequestBudget(1_003);
    LongAdder taken = new LongAdder();
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[7];
    for (int i = 0; i < threads.length; i++) {
      threads[i] =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                while (budget.tryTake()) {
                  taken.increment();
                }
              });
      threads[i].start();
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(taken.sum()).isEqualTo(1_003);
    assertThat(budget.tryTake()).isFalse();
  }

  @Test
  void zeroTotalGivesNoTicket() {
    assertThat(new RequestBudget(0).tryTake()).isFalse();
  }

  @Test
  void rejectsNegativeTotal() {
    assertThatThrownBy(() -> new RequestBudget(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("total must be >= 0, got -1");
  }

  @Test
  void aDurationBudgetGrantsTicketsUntilTheDeadlineCountedFromTheFirst() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(500);
    java.util.List<Long> deadlines = new java.util.ArrayList<>();
    RequestBudget budget =
        RequestBudget.until(
            java.time.Duration.ofNanos(1_000),
            new onlinebench.record.LoadEvents() {
              @Override
              public void deadline(long deadlineNanos) {
                deadlines.add(deadlineNanos);
              }

              @Override
              public void ticketTakenLate() {}
            },
            now::get);
    for (int i = 0; i < 10_000; i++) {
      assertThat(budget.tryTake()).isTrue();
    }
    now.set(1_499);
    assertThat(budget.tryTake()).isTrue();
    now.set(1_500);
    assertThat(budget.tryTake()).isFalse();
    assertThat(deadlines).containsExactly(1_500L);
  }
}
