package onlinebench.simulator;

import static onlinebench.simulator.SimulatorClient.chatBody;
import static onlinebench.simulator.SimulatorClient.postChat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Faults given typed, per request: enqueued scripts first, then the plan, changeable live. */
class SimulatorFaultScriptTest {

  private static final String MODEL = "simulated-llm";

  private SimulatorServer server;

  @AfterEach
  void closeServer() {
    if (server != null) {
      server.close();
    }
  }

  /** Sends {@code n} valid chat requests one after another; their statuses in order. */
  private List<Integer> send(int n) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      statuses.add(postChat(server, chatBody(MODEL, "hi").put("max_tokens", 2)).statusCode());
    }
    return statuses;
  }

  /** The fault of each of the next {@code n} served requests, "none" for none. */
  private List<String> takeFaults(int n) throws Exception {
    List<String> faults = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String fault = server.takeRequest().fault();
      faults.add(fault == null ? "none" : fault);
    }
    return faults;
  }

  @Test
  void enqueuedFaultsGoToTheNextRequestsInOrderThenThePlanResumes() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast().withFaults(FaultPlan.always(Fault.SERVER_ERROR)));
    server.enqueue(Fault.RATE_LIMITED, Fault.UNAVAILABLE);
    server.enqueue(FaultPlan.none(), FaultPlan.always(Fault.NO_USAGE));

    assertThat(send(6)).containsExactly(429, 503, 200, 200, 500, 500);
    assertThat(takeFaults(6)).containsExactly("429", "503", "none", "nousage", "500", "500");
  }

  @Test
  void alwaysGivesEveryValidRequestTheFault() throws Exception {
    server =
        SimulatorServer.start(
            SimulatorConfig.fast().withFaults(FaultPlan.always(Fault.RATE_LIMITED)));

    assertThat(send(5)).containsOnly(429).hasSize(5);
    assertThat(takeFaults(5)).containsOnly("429");
  }

  @Test
  void aRequestWithItsOwnErrorDoesNotSpendAScriptedFault() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());
    server.enqueue(Fault.SERVER_ERROR);

    assertThat(postChat(server, chatBody("no-such-model", "hi")).statusCode()).isEqualTo(404);
    assertThat(send(2)).containsExactly(500, 200);
  }

  @Test
  void setFaultsChangesThePlanOfARunningServerFromTheNextRequest() throws Exception {
    server = SimulatorServer.start(SimulatorConfig.fast());

    List<Integer> statuses = new ArrayList<>(send(1));
    server.setFaults(FaultPlan.always(Fault.UNAVAILABLE));
    statuses.addAll(send(2));
    server.setFaults(FaultPlan.none());
    statuses.addAll(send(1));

    assertThat(statuses).containsExactly(200, 503, 503, 200);
    assertThat(server.config().faults())
        .as("the config keeps the plan the server started with")
        .isEqualTo(FaultPlan.none());
  }

  @Test
  void scriptsEnqueuedConcurrentlyAreEachUsedWholeAndOnce() throws Exception {
    int threads = 6;
    int perScript = 5;
    Fault[] kinds = {Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.RATE_LIMITED};
    server = SimulatorServer.start(SimulatorConfig.fast());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> enqueued = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Fault[] script = new Fault[perScript];
        Arrays.fill(script, kinds[t % kinds.length]);
        enqueued.add(
            pool.submit(
                () -> {
                  go.await();
                  server.enqueue(script);
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : enqueued) {
        f.get(5, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    List<Integer> statuses = send(threads * perScript + 2);

    for (int script = 0; script < threads; script++) {
      assertThat(statuses.subList(script * perScript, (script + 1) * perScript))
          .as("script %d is one caller's, not interleaved with another's", script)
          .containsOnly(statuses.get(script * perScript));
    }
    Map<Integer, Long> byStatus =
        statuses.stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(byStatus)
        .as("each enqueued fault used once, then the plan (none)")
        .containsOnly(
            Map.entry(500, 10L), Map.entry(503, 10L), Map.entry(429, 10L), Map.entry(200, 2L));
  }
}
