package onlinebench.run;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import onlinebench.gatling.BenchmarkPlan;
import onlinebench.load.MeasuredLoad;
import onlinebench.load.StopSignal;
import onlinebench.record.RequestRecord;
import onlinebench.record.RequestSink;

/**
 * One step slot of a {@link SearchRun}: Gatling's scenario for it is built before the run, so its
 * sink and load are built then too and hand each call to the step's level, which the slot's first
 * user creates. Every other user calls {@link #admit()} after the first returned, so reads of the
 * level behind it see the level.
 */
final class SearchSlot implements BenchmarkPlan.SearchSlot {
  private final SearchRun search;
  private final StopSignal stop;
  private final MeasuredLoad load;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger warmedUp = new AtomicInteger();
  private final int users;
  private final RequestSink sink = new StepSink();
  private boolean started;
  private volatile MeasuredLevel level;
  private volatile RequestBudget warmup;

  /**
   * @param users how many users Gatling injects into the slot
   */
  SearchSlot(SearchRun search, boolean closed, StopSignal stop, int users) {
    this.search = search;
    this.users = users;
    this.stop = stop;
    this.load =
        closed
            ? new MeasuredLoad.Closed(this::closedTicket, Optional.empty(), stop)
            : new MeasuredLoad.Open(this::arrival, stop);
  }

  @Override
  public boolean admit() {
    synchronized (this) {
      if (!started) {
        started = true;
        search
            .startStep(stop)
            .ifPresent(
                step -> {
                  warmup =
                      new RequestBudget(step.warmup() ? step.level().config().warmupRequests() : 0);
                  level = step.level();
                });
      }
    }
    MeasuredLevel now = level;
    return now != null && admitted.getAndIncrement() < now.users();
  }

  @Override
  public synchronized boolean searchOver() {
    return started && level == null;
  }

  @Override
  public void warmedUp() {
    warmedUp.incrementAndGet();
  }

  @Override
  public boolean readyToMeasure() {
    MeasuredLevel now = level;
    return now != null && admitted.get() >= users && warmedUp.get() >= Math.min(now.users(), users);
  }

  @Override
  public boolean takeWarmupTicket() {
    RequestBudget budget = warmup;
    return budget != null && budget.tryTake();
  }

  @Override
  public RequestSink sink() {
    return sink;
  }

  @Override
  public MeasuredLoad load() {
    return load;
  }

  private boolean closedTicket() {
    return level.load() instanceof MeasuredLoad.Closed closed && closed.tickets().getAsBoolean();
  }

  private OptionalLong arrival() {
    return level.load() instanceof MeasuredLoad.Open open
        ? open.tickets().take()
        : OptionalLong.empty();
  }

  /** Hands the step's measured requests to its level's sink. */
  private final class StepSink implements RequestSink {
    @Override
    public void requestStarting(long startNanos) {
      level.sink().requestStarting(startNanos);
    }

    @Override
    public void record(RequestRecord request) {
      level.sink().record(request);
    }
  }
}
