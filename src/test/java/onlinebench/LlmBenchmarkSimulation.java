package onlinebench;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;
import onlinebench.gatling.BenchmarkScenarios;
import onlinebench.gatling.GatlingRunFolder;
import onlinebench.gatling.LlmDsl;
import onlinebench.run.BenchmarkRun;

/**
 * The benchmark: a burst against a loopback simulator of the harness's own brings its code to
 * compiled speed; then the first level's users share {@code warmupRequests} silent warmup requests,
 * wait for each other, then send measured chat completions as the load model says — back to back
 * (closed model) or on an arrival schedule (open model, {@code -DrequestRate}) — until {@code
 * totalRequests} or {@code duration} is spent. A sweep runs one such level after another. Run it
 * with {@code ./mvnw gatling:test}; every parameter is a system property (see docs/parameters.md).
 */
public class LlmBenchmarkSimulation extends Simulation {
  private final long startedAtMillis = System.currentTimeMillis();
  private final BenchmarkRun run = BenchmarkRun.startOrExit();

  {
    BenchmarkScenarios benchmark = LlmDsl.benchmark(run);
    setUp(benchmark.populations())
        .protocols(http.shareConnections().disableWarmUp())
        .assertions(benchmark.assertions());
  }

  @Override
  public void before() {
    run.begin(() -> GatlingRunFolder.find(getClass(), startedAtMillis));
  }

  @Override
  public void after() {
    run.finish();
  }
}
