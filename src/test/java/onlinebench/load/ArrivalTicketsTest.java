package onlinebench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import onlinebench.config.Arrival;
import onlinebench.record.LoadEvents;
import org.junit.jupiter.api.Test;

class ArrivalTicketsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Long> deadlines = new ArrayList<>();
  private final AtomicLong late = new AtomicLong();
  private final LoadEvents events =
      new LoadEvents() {
        @Override
        public void deadline(long deadlineNanos) {
          deadlines.add(deadlineNanos);
        }

        @Override
        public void ticketTakenLate() {
          late.incrementAndGet();
        }
      };

  private ArrivalTickets constant(double rate, long max, Optional<Duration> duration) {
    return new ArrivalTickets(
        new ArrivalSchedule(Arrival.CONSTANT, 1, rate, Duration.ZERO, 1),
        max,
        duration,
        events,
        now::get);
  }

  @Test
  void intendedTimesStartAtTheFirstTake() {
    ArrivalTickets tickets = constant(10, 5, Optional.empty());
    assertThat(tickets.take()).isEqualTo(OptionalLong.of(1_000_000_000L));
    assertThat(tickets.take()).isEqualTo(OptionalLong.of(1_100_000_000L));
    assertThat(tickets.take()).isEqualTo(OptionalLong.of(1_200_000_000L));
    assertThat(deadlines).as("a count-bounded run has no deadline").isEmpty();
  }

  @Test
  void handsOutExactlyTheRequestCount() {
    ArrivalTickets tickets = constant(1000, 7, Optional.empty());
    int count = 0;
    while (tickets.take().isPresent()) {
      count++;
    }
    assertThat(count).isEqualTo(7);
    assertThat(tickets.take()).isEmpty();
  }

  @Test
  void aDurationRunHandsOutTicketsIntendedBeforeTheDeadline() {
    ArrivalTickets tickets = constant(10, Long.MAX_VALUE, Optional.of(Duration.ofSeconds(2)));
    int count = 0;
    while (tickets.take().isPresent()) {
      count++;
    }
    assertThat(count).as("0.0, 0.1, ... 1.9 s").isEqualTo(20);
    assertThat(deadlines).containsExactly(3_000_000_000L);
  }

  @Test
  void noTicketAfterTheDeadlineEvenWhenTheScheduleIsBehind() {
    ArrivalTickets tickets = constant(10, Long.MAX_VALUE, Optional.of(Duration.ofSeconds(2)));
    assertThat(tickets.take()).isPresent();
    now.addAndGet(2_000_000_000L);
    assertThat(tickets.take()).isEmpty();
  }

  @Test
  void countsTicketsTakenAfterTheirIntendedTime() {
    ArrivalTickets tickets = constant(10, 100, Optional.empty());
    tickets.take(); // 0 ms, on time
    tickets.take(); // 100 ms, early: a user waiting for it
    now.addAndGet(500_000_000L);
    tickets.take(); // 200 ms, taken at 500 ms: late
    assertThat(late.get()).isEqualTo(1);
  }
}
